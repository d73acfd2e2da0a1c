package io.servicebook.server.protocols;

import io.servicebook.diagnostics.Diagnostic;
import io.servicebook.diagnostics.Severity;
import io.servicebook.lint.Linter;
import io.servicebook.pack.ProtocolPack;
import io.servicebook.protocol.Protocol;
import io.servicebook.server.audit.AuditLog;
import io.servicebook.server.teams.Teams;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Drafts of protocols: the editor checks a YAML text as publishing would read it, saves it as a new
 * draft when it has no errors, and a reviewer other than its author publishes it (four eyes).
 */
@Service
public class ProtocolDrafts {

  /** File name of a protocol that has no published version yet, until its slug is known. */
  static final String NEW_FILE = "new-protocol.yaml";

  private final ProtocolCatalog catalog;
  private final DraftRepository drafts;
  private final Teams teams;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  ProtocolDrafts(
      ProtocolCatalog catalog,
      DraftRepository drafts,
      Teams teams,
      AuditLog audit,
      ApplicationEventPublisher events,
      Clock clock) {
    this.catalog = catalog;
    this.drafts = drafts;
    this.teams = teams;
    this.audit = audit;
    this.events = events;
    this.clock = clock;
  }

  /** What the reader and the linter say about a text, and the protocol when it reads. */
  public record Check(List<Diagnostic> diagnostics, Optional<Protocol> protocol) {

    public long errors() {
      return diagnostics.stream().filter(Diagnostic::isError).count();
    }

    public long warnings() {
      return diagnostics.stream().filter(d -> d.severity() == Severity.WARNING).count();
    }
  }

  /**
   * Checks the text of the protocol {@code slug} (empty for a new one) against the stored pack:
   * reading problems first, then the lint findings, in reading order.
   */
  public Check check(Optional<String> slug, String source) {
    ProtocolPack pack = catalog.readSource(file(slug), source);
    List<Diagnostic> diagnostics = Linter.lintWhileEditing(pack, teams.knownTargets());
    boolean readable = diagnostics.stream().noneMatch(Diagnostic::isError);
    return new Check(
        diagnostics, readable ? pack.protocols().stream().findFirst() : Optional.<Protocol>empty());
  }

  /** The published file a protocol's text is read as, so findings name the file people know. */
  private String file(Optional<String> slug) {
    return slug.flatMap(catalog::latest).map(PublishedProtocol::sourceFile).orElse(NEW_FILE);
  }

  /** What saving did: the new draft, or why nothing was saved. */
  public sealed interface Saved {
    record Draft(ProtocolDraft draft) implements Saved {}

    /** The text has errors; they are listed. */
    record Invalid(Check check) implements Saved {}

    /** The text names another protocol than the one being edited. */
    record Renamed(String editing, String named) implements Saved {}

    /** A new protocol was given a name that is taken. */
    record Taken(String slug) implements Saved {}

    /** The text is the latest draft's or the published version's, unchanged. */
    record Unchanged() implements Saved {}
  }

  /** Saves the text as a new draft of {@code slug} (empty: a new protocol); all or nothing. */
  @Transactional
  public Saved save(Optional<String> slug, String source, String actor) {
    Check check = check(slug, source);
    if (check.protocol().isEmpty()) {
      return new Saved.Invalid(check);
    }
    Protocol protocol = check.protocol().get();
    if (slug.isPresent() && !slug.get().equals(protocol.slug())) {
      return new Saved.Renamed(slug.get(), protocol.slug());
    }
    Optional<PublishedProtocol> latest = catalog.latest(protocol.slug());
    if (slug.isEmpty() && (latest.isPresent() || !drafts.of(protocol.slug(), 1).isEmpty())) {
      return new Saved.Taken(protocol.slug());
    }
    String hash = AuditLog.sha256(source);
    boolean sameAsPublished = latest.map(p -> p.contentHash().equals(hash)).orElse(false);
    boolean sameAsDraft =
        drafts.of(protocol.slug(), 1).stream()
            .anyMatch(d -> !d.published() && d.contentHash().equals(hash));
    if (sameAsPublished || sameAsDraft) {
      return new Saved.Unchanged();
    }
    Optional<Integer> basedOn = latest.map(PublishedProtocol::version);
    long id =
        drafts.insert(
            protocol.slug(),
            basedOn,
            protocol.title(),
            source,
            hash,
            (int) check.warnings(),
            clock.instant(),
            actor);
    audit.append(
        "protocol",
        protocol.slug(),
        "protocol.draft_saved",
        actor,
        null,
        "{\"draft\":" + id + ",\"based_on\":" + basedOn.map(String::valueOf).orElse("null") + "}");
    events.publishEvent(new DraftSaved(id, protocol.slug(), protocol.title(), actor));
    return new Saved.Draft(drafts.find(id).orElseThrow());
  }

  /** The protocol's drafts, newest first (at most 50). */
  public List<ProtocolDraft> of(String slug) {
    return drafts.of(slug, 50);
  }

  /** Drafts no reviewer has published yet, newest first (at most 50). */
  public List<ProtocolDraft> waiting() {
    return drafts.waiting(50);
  }

  public Optional<ProtocolDraft> find(long id) {
    return drafts.find(id);
  }

  /** What publishing a draft did. */
  public sealed interface Publishing {
    record Published(PublishedProtocol version) implements Publishing {}

    record NotFound() implements Publishing {}

    /** Four eyes: the author of a draft may not publish it. */
    record OwnDraft() implements Publishing {}

    /** Published already, by {@code by} as version {@code version}. */
    record AlreadyPublished(int version, String by) implements Publishing {}

    /** A version was published after the draft's author started from {@code basedOn}. */
    record Stale(Optional<Integer> basedOn, int latest) implements Publishing {}

    /** The text no longer reads against the pack as it is now (say, a calendar was removed). */
    record Invalid(Check check) implements Publishing {}
  }

  /**
   * Publishes the draft as the protocol's next version; {@code reviewer} must not be its author,
   * and no version may have been published since the draft's author started.
   */
  @Transactional
  public Publishing publish(long id, String reviewer) {
    Optional<ProtocolDraft> found = drafts.find(id);
    if (found.isEmpty()) {
      return new Publishing.NotFound();
    }
    ProtocolDraft draft = found.get();
    if (draft.published()) {
      return new Publishing.AlreadyPublished(
          draft.publishedVersion().get(), draft.publishedBy().orElse(""));
    }
    if (draft.savedBy().equals(reviewer)) {
      return new Publishing.OwnDraft();
    }
    Optional<PublishedProtocol> latest = catalog.latest(draft.slug());
    Optional<Integer> latestVersion = latest.map(PublishedProtocol::version);
    if (!latestVersion.equals(draft.basedOn())) {
      return new Publishing.Stale(draft.basedOn(), latestVersion.orElse(0));
    }
    String file =
        latest
            .map(PublishedProtocol::sourceFile)
            .orElseGet(() -> Path.of(draft.slug() + ".yaml").toString());
    ProtocolPack pack = catalog.readSource(file, draft.source());
    List<Diagnostic> diagnostics = Linter.lint(pack, teams.knownTargets());
    if (pack.protocols().isEmpty() || diagnostics.stream().anyMatch(Diagnostic::isError)) {
      return new Publishing.Invalid(new Check(diagnostics, Optional.empty()));
    }
    Optional<PublishedProtocol> published;
    try {
      published =
          catalog.publishIfChanged(
              pack.protocols().getFirst(), draft.source(), reviewer, "draft " + id + " approved");
    } catch (DuplicateKeyException e) {
      // another reviewer published a version of this protocol at the same moment
      TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
      return new Publishing.Stale(draft.basedOn(), latestVersion.orElse(0) + 1);
    }
    if (published.isEmpty()
        || !drafts.markPublished(id, published.get().version(), reviewer, clock.instant())) {
      throw new IllegalStateException(
          "draft " + id + " of " + draft.slug() + " could not be published; a bug");
    }
    return new Publishing.Published(published.get());
  }
}
