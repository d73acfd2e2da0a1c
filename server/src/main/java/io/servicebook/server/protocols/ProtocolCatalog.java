package io.servicebook.server.protocols;

import io.servicebook.calendar.BusinessCalendar;
import io.servicebook.calendar.CalendarReader;
import io.servicebook.diagnostics.Diagnostic;
import io.servicebook.diagnostics.FormatRules;
import io.servicebook.diagnostics.Position;
import io.servicebook.diagnostics.Severity;
import io.servicebook.lint.Linter;
import io.servicebook.pack.PackReader;
import io.servicebook.pack.ProtocolPack;
import io.servicebook.protocol.Fragment;
import io.servicebook.protocol.Protocol;
import io.servicebook.server.audit.AuditLog;
import io.servicebook.server.teams.Teams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The published protocols: imports a pack (publishing a new version of each protocol that changed)
 * and answers which versions exist. Published versions never change.
 */
@Service
public class ProtocolCatalog {

  private final ProtocolRepository repository;
  private final AuditLog audit;
  private final Teams teams;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final Map<String, Protocol> models = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Fragment>> fragments = new ConcurrentHashMap<>();
  private final Map<String, Optional<BusinessCalendar>> calendars = new ConcurrentHashMap<>();
  private final Map<String, PublishedProtocol> versions = new ConcurrentHashMap<>();
  private final long refreshNanos;
  private volatile State state;

  ProtocolCatalog(
      ProtocolRepository repository,
      AuditLog audit,
      Teams teams,
      ApplicationEventPublisher events,
      Clock clock,
      @Value("${servicebook.catalog.refresh:PT1S}") Duration refresh) {
    this.repository = repository;
    this.audit = audit;
    this.teams = teams;
    this.events = events;
    this.clock = clock;
    this.refreshNanos = refresh.toNanos();
  }

  /**
   * What the database says about the published versions and the pack's documents, as last read.
   * Read again when older than the refresh interval ({@code servicebook.catalog.refresh}, 1 s), and
   * at once after this node imported a pack; so a version published on another node is picked up
   * within that interval, and a request does not ask the database on every use of the catalog.
   */
  private record State(String versions, String documents, long readAt) {}

  private State state() {
    State known = state;
    long now = System.nanoTime();
    if (known != null && now - known.readAt() < refreshNanos) {
      return known;
    }
    State read =
        new State(
            repository.versionsState(),
            AuditLog.sha256(String.join(",", repository.documentHashes())),
            now);
    state = read;
    return read;
  }

  /** Forgets the state once the import's transaction committed, so this node sees it at once. */
  private void forgetStateAfterCommit() {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              state = null;
            }
          });
    }
  }

  /** What an import did: the versions it published, or why it refused the pack. */
  public sealed interface ImportResult {
    /**
     * The pack was valid; {@code published} are the new versions, as {@code slug@version}; {@code
     * warnings} the actions naming nobody the server knows (lint rule {@code unknown-target}).
     */
    record Imported(List<String> published, int unchanged, List<Diagnostic> warnings)
        implements ImportResult {}

    /** The pack has errors; nothing was stored. */
    record Rejected(List<Diagnostic> errors) implements ImportResult {}
  }

  /** Imports the pack at the paths; all or nothing. */
  @Transactional
  public ImportResult importPack(List<Path> paths, String actor) {
    Set<String> published =
        repository.latestOfEach().stream().map(PublishedProtocol::slug).collect(Collectors.toSet());
    ProtocolPack pack = PackReader.read(paths, published);
    List<Diagnostic> errors = pack.diagnostics().stream().filter(Diagnostic::isError).toList();
    if (!errors.isEmpty()) {
      return new ImportResult.Rejected(errors);
    }
    pack.calendars().values().forEach(c -> document("calendar", c.name(), c.file(), actor));
    pack.fragments().values().forEach(f -> document("fragment", f.name(), f.file(), actor));
    forgetStateAfterCommit();
    List<String> newVersions = new ArrayList<>();
    int unchanged = 0;
    for (Protocol protocol : pack.protocols()) {
      Optional<PublishedProtocol> version =
          publishIfChanged(protocol, read(protocol.file()), actor, "pack import");
      if (version.isPresent()) {
        newVersions.add(version.get().slug() + "@" + version.get().version());
      } else {
        unchanged++;
      }
    }
    return new ImportResult.Imported(
        newVersions, unchanged, Linter.targets(pack, teams.knownTargets()));
  }

  private void document(String kind, String name, String file, String actor) {
    String source = read(file);
    var document =
        new ProtocolRepository.PackDocument(kind, name, file, source, AuditLog.sha256(source));
    if (repository.upsertDocument(document, clock.instant())) {
      audit.append(
          kind, name, kind + ".updated", actor, "pack import", "{\"file\":\"" + json(file) + "\"}");
    }
  }

  /**
   * Publishes the protocol read from {@code source} as its next version, unless the latest version
   * has exactly this text; {@code reason} goes into the audit trail.
   */
  Optional<PublishedProtocol> publishIfChanged(
      Protocol protocol, String source, String actor, String reason) {
    forgetStateAfterCommit();
    String hash = AuditLog.sha256(source);
    Optional<PublishedProtocol> latest = repository.latest(protocol.slug());
    if (latest.isPresent() && latest.get().contentHash().equals(hash)) {
      return Optional.empty();
    }
    int version = latest.map(p -> p.version() + 1).orElse(1);
    PublishedProtocol published =
        new PublishedProtocol(
            protocol.slug(),
            version,
            protocol.title(),
            protocol.owner().orElse(null),
            protocol.audience().name().toLowerCase(java.util.Locale.ROOT),
            protocol.priority(),
            protocol.file(),
            source,
            hash,
            clock.instant(),
            actor);
    repository.insert(published);
    audit.append(
        "protocol",
        protocol.slug(),
        "protocol.published",
        actor,
        reason,
        "{\"version\":" + version + ",\"hash\":\"" + hash + "\"}");
    events.publishEvent(
        new ProtocolPublished(
            protocol.slug(),
            version,
            protocol.title(),
            protocol.owner(),
            protocol
                .reviewEvery()
                .map(every -> ProtocolReviews.plus(published.publishedAt(), every))));
    return Optional.of(published);
  }

  /**
   * Reads one protocol's YAML as the editor has it, with the pack's stored calendars and fragments
   * and the published protocols counted as existing for handoffs: what publishing it would read.
   */
  public ProtocolPack readSource(String file, String source) {
    Map<String, String> calendars = new LinkedHashMap<>();
    Map<String, String> fragmentSources = new LinkedHashMap<>();
    for (var d : repository.documents()) {
      (d.kind().equals("calendar") ? calendars : fragmentSources).put(d.sourceFile(), d.source());
    }
    Set<String> published =
        latestOfEach().stream().map(PublishedProtocol::slug).collect(Collectors.toSet());
    return PackReader.fromSources(Map.of(file, source), calendars, fragmentSources, published);
  }

  /** The latest version of each protocol; read again only when a version was published. */
  public List<PublishedProtocol> latestOfEach() {
    String versionsState = state().versions();
    Latest known = latest;
    if (known != null && known.state().equals(versionsState)) {
      return known.protocols();
    }
    List<PublishedProtocol> protocols = repository.latestOfEach();
    latest = new Latest(versionsState, protocols);
    return protocols;
  }

  /** The latest versions as of a state of the versions table. */
  private record Latest(String state, List<PublishedProtocol> protocols) {}

  private volatile Latest latest;

  public Optional<PublishedProtocol> latest(String slug) {
    return repository.latest(slug);
  }

  /** A published version; versions never change, so each is read once. */
  public Optional<PublishedProtocol> version(String slug, int version) {
    String key = slug + "@" + version;
    PublishedProtocol known = versions.get(key);
    if (known != null) {
      return Optional.of(known);
    }
    if (versions.size() > 10_000) {
      versions.clear();
    }
    Optional<PublishedProtocol> read = repository.version(slug, version);
    read.ifPresent(p -> versions.put(key, p));
    return read;
  }

  /** The names of the pack's calendars, sorted. */
  public List<String> calendarNames() {
    return repository.documents().stream()
        .filter(d -> d.kind().equals("calendar"))
        .map(ProtocolRepository.PackDocument::name)
        .sorted()
        .toList();
  }

  /** A calendar of the pack, as it is now; empty when the pack has no calendar of that name. */
  public Optional<BusinessCalendar> calendar(String name) {
    if (calendars.size() > 1_000) {
      calendars.clear();
    }
    return calendars.computeIfAbsent(
        name + "#" + state().documents(),
        k ->
            repository.documents().stream()
                .filter(d -> d.kind().equals("calendar") && d.name().equals(name))
                .findFirst()
                .flatMap(d -> CalendarReader.read(d.sourceFile(), d.source()).calendar()));
  }

  /** A pack calendar's file as stored: its path in the pack and its YAML. */
  public record CalendarSource(String name, String file, String source) {}

  public Optional<CalendarSource> calendarSource(String name) {
    return repository.documents().stream()
        .filter(d -> d.kind().equals("calendar") && d.name().equals(name))
        .findFirst()
        .map(d -> new CalendarSource(d.name(), d.sourceFile(), d.source()));
  }

  /** What saving a calendar's YAML got. */
  public sealed interface CalendarSaved {
    record Saved(BusinessCalendar calendar) implements CalendarSaved {}

    /** The text is exactly what is stored; nothing to do. */
    record Unchanged() implements CalendarSaved {}

    record NotFound() implements CalendarSaved {}

    /** The reader's errors (with line and column), or a renamed calendar; nothing was stored. */
    record Invalid(List<Diagnostic> errors) implements CalendarSaved {}
  }

  /**
   * Stores new YAML for a pack calendar, read by the same reader as a pack import: all or nothing,
   * and under its own name (protocols name it). Audited as {@code calendar.updated}.
   */
  @Transactional
  public CalendarSaved saveCalendar(String name, String source, String actor) {
    Optional<CalendarSource> stored = calendarSource(name);
    if (stored.isEmpty()) {
      return new CalendarSaved.NotFound();
    }
    String file = stored.get().file();
    CalendarReader.Result read = CalendarReader.read(file, source);
    List<Diagnostic> errors = read.diagnostics().stream().filter(Diagnostic::isError).toList();
    if (!errors.isEmpty() || read.calendar().isEmpty()) {
      return new CalendarSaved.Invalid(errors);
    }
    BusinessCalendar calendar = read.calendar().get();
    if (!calendar.name().equals(name)) {
      return new CalendarSaved.Invalid(List.of(renamed(file, source, name, calendar.name())));
    }
    String hash = AuditLog.sha256(source);
    var document = new ProtocolRepository.PackDocument("calendar", name, file, source, hash);
    if (!repository.upsertDocument(document, clock.instant())) {
      return new CalendarSaved.Unchanged();
    }
    forgetStateAfterCommit();
    audit.append(
        "calendar",
        name,
        "calendar.updated",
        actor,
        "edited in the administration",
        "{\"file\":\"" + json(file) + "\",\"hash\":\"" + hash + "\"}");
    return new CalendarSaved.Saved(calendar);
  }

  /** The error for a calendar whose {@code calendar:} names another than the one edited. */
  private static Diagnostic renamed(String file, String source, String name, String written) {
    String[] lines = source.split("\n", -1);
    Position at = Position.START;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("calendar:")) {
        at = new Position(i + 1, Math.max(1, lines[i].indexOf(written) + 1));
        break;
      }
    }
    return new Diagnostic(
        file,
        at,
        Severity.ERROR,
        FormatRules.INVALID_VALUE.id(),
        "The calendar is `" + name + "`; it cannot be renamed to `" + written + "` here.",
        "Protocols name calendars; keep `calendar: "
            + name
            + "`, or add a new calendar to the pack and import it.");
  }

  public List<Integer> versions(String slug) {
    return repository.versions(slug);
  }

  /**
   * The protocol model of a published version, read again from its YAML with the pack's current
   * calendars and fragments. Cached per version and per state of the pack's documents, so every
   * node sees a change of a fragment at once and nothing is read twice.
   */
  public Protocol model(PublishedProtocol published) {
    String key =
        published.slug()
            + "@"
            + published.version()
            + "#"
            + published.contentHash()
            + "#"
            + documentsFingerprint();
    if (models.size() > 2_000) {
      models.clear(); // old pack states; the current ones are read again on demand
    }
    return models.computeIfAbsent(key, k -> read(published, repository.documents()));
  }

  /** The pack's shared fragments, by name. */
  public Map<String, Fragment> fragments() {
    return fragments.computeIfAbsent(
        documentsFingerprint(),
        k -> {
          Map<String, String> sources = new LinkedHashMap<>();
          repository.documents().stream()
              .filter(d -> d.kind().equals("fragment"))
              .forEach(d -> sources.put(d.sourceFile(), d.source()));
          return PackReader.fromSources(Map.of(), Map.of(), sources).fragments();
        });
  }

  private Protocol read(
      PublishedProtocol published, List<ProtocolRepository.PackDocument> documents) {
    Map<String, String> calendars = new LinkedHashMap<>();
    Map<String, String> fragmentSources = new LinkedHashMap<>();
    for (var d : documents) {
      (d.kind().equals("calendar") ? calendars : fragmentSources).put(d.sourceFile(), d.source());
    }
    ProtocolPack pack =
        PackReader.fromSources(
            Map.of(published.sourceFile(), published.source()), calendars, fragmentSources);
    return pack.protocols().stream()
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "published protocol "
                        + published.slug()
                        + "@"
                        + published.version()
                        + " no longer reads; a bug: "
                        + pack.diagnostics()));
  }

  private String documentsFingerprint() {
    return state().documents();
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new UncheckedIOException("the pack file " + file + " vanished while importing", e);
    }
  }

  private static String json(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
