package io.servicebook.server.cases;

import io.servicebook.cases.Case;
import io.servicebook.cases.CaseEvent;
import io.servicebook.cases.CaseFacts;
import io.servicebook.cases.CaseStatus;
import io.servicebook.cases.CaseStatusTransitions;
import io.servicebook.cases.Customer;
import io.servicebook.cases.Interaction;
import io.servicebook.cases.ProtocolMatcher;
import io.servicebook.protocol.Channel;
import io.servicebook.protocol.Protocol;
import io.servicebook.server.audit.AuditLog;
import io.servicebook.server.cases.CaseRepository.Remembered;
import io.servicebook.server.cases.CaseRuns.RunSummary;
import io.servicebook.server.cases.StoredCase.ProtocolRef;
import io.servicebook.server.protocols.ProtocolCatalog;
import io.servicebook.server.protocols.PublishedProtocol;
import io.servicebook.server.web.TimeInput;
import io.servicebook.sla.SlaClock;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opens cases (picking their protocol and starting its run), changes them, and answers what they
 * look like. Every change is written with its audit events in one transaction.
 */
@Service
public class Cases {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Logger log = LoggerFactory.getLogger(Cases.class);

  private final CaseRepository repository;
  private final ConditionStopRepository conditionStops;
  private final Customers customers;
  private final ProtocolCatalog catalog;
  private final ObjectProvider<CaseRuns> runs;
  private final ObjectProvider<CaseSla> sla;
  private final ObjectProvider<CaseChanges> listeners;
  private final ObjectProvider<CaseSurveys> surveys;
  private final ObjectProvider<NoteMentions> mentions;
  private final AuditLog audit;
  private final Clock clock;
  private final TransactionTemplate transactions;

  Cases(
      CaseRepository repository,
      ConditionStopRepository conditionStops,
      Customers customers,
      ProtocolCatalog catalog,
      ObjectProvider<CaseRuns> runs,
      ObjectProvider<CaseSla> sla,
      ObjectProvider<CaseChanges> listeners,
      ObjectProvider<CaseSurveys> surveys,
      ObjectProvider<NoteMentions> mentions,
      AuditLog audit,
      Clock clock,
      TransactionTemplate transactions) {
    this.repository = repository;
    this.conditionStops = conditionStops;
    this.customers = customers;
    this.catalog = catalog;
    this.runs = runs;
    this.sla = sla;
    this.listeners = listeners;
    this.surveys = surveys;
    this.mentions = mentions;
    this.audit = audit;
    this.clock = clock;
    this.transactions = transactions;
  }

  /** What a request to open a case got. */
  public sealed interface Opening {
    /** The case, as first answered; {@code replayed} when an idempotency key found it. */
    record Opened(JsonNode body, boolean replayed) implements Opening {}

    /** The idempotency key was used before for a different request. */
    record KeyReused(String key) implements Opening {}
  }

  /** A page of the listing and the cursor of the next one, if any. */
  record Page(List<StoredCase> cases, Optional<CaseRepository.Position> next) {}

  /**
   * Opens a case; with an idempotency key, a retry answers the first answer again and opens
   * nothing, also when two retries race.
   */
  public Opening open(NewCase request, String actor, Optional<String> key) {
    String hash = AuditLog.sha256(request.fingerprint());
    return retryingLostRaces(
        () -> {
          Optional<Opening> earlier = key.flatMap(k -> replay(k, hash));
          return earlier.orElseGet(
              () -> transactions.execute(status -> create(request, actor, key, hash)));
        });
  }

  /**
   * Runs the work (which opens its own transaction) again when it lost a race: the same idempotency
   * key, or a new customer's first cases at once, where another one won. H2 may tell it as a
   * concurrent update of the customer row before the winner has committed, so each retry waits a
   * moment, a little longer each time. Anything else (an outage) is not retried here.
   */
  public static <T> T retryingLostRaces(java.util.function.Supplier<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (DataAccessException failure) {
        if (!lostARace(failure) || attempt == RACE_ATTEMPTS) {
          throw failure;
        }
        pauseAfterLostRace(attempt);
      }
    }
  }

  /**
   * Opens a case in the caller's transaction (a channel adapter records where the message came from
   * in the same one) and answers its id; the caller retries lost races with {@link
   * #retryingLostRaces}.
   */
  public String openInTransaction(NewCase request, String actor) {
    JsonNode body = ((Opening.Opened) create(request, actor, Optional.empty(), "")).body();
    return body.get("id").asString();
  }

  /** H2's "concurrent update": another transaction holds a row or unique key this one needs. */
  private static final int H2_CONCURRENT_UPDATE = 90131;

  private static boolean lostARace(DataAccessException failure) {
    if (failure instanceof DuplicateKeyException
        || failure instanceof ConcurrencyFailureException) {
      return true;
    }
    return failure.getMostSpecificCause() instanceof SQLException sql
        && sql.getErrorCode() == H2_CONCURRENT_UPDATE;
  }

  /** Up to about two seconds of waiting in all: longer than a busy server takes to open a case. */
  private static final int RACE_ATTEMPTS = 10;

  private static void pauseAfterLostRace(int attempt) {
    long base = Math.min(10L << (attempt - 1), 250);
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(base, 2 * base));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while opening a case", e);
    }
  }

  private Optional<Opening> replay(String key, String hash) {
    return repository
        .remembered(key)
        .map(
            r ->
                r.requestHash().equals(hash)
                    ? new Opening.Opened(JSON.readTree(r.response()), true)
                    : new Opening.KeyReused(key));
  }

  private Opening create(NewCase request, String actor, Optional<String> key, String hash) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Customer customer = customers.forCase(request, now);
    Case.Change opened =
        Case.open(
            UUID.randomUUID().toString(),
            customer,
            request.channel(),
            request.category(),
            request.subject(),
            request.priority(),
            actor,
            now);
    Interaction message =
        new Interaction(
            Interaction.Kind.INBOUND_MESSAGE,
            request.channel(),
            customer.id(),
            request.message(),
            Interaction.Visibility.PUBLIC,
            now);
    Case.Change withMessage = opened.after().addInteraction(message);
    Case kase = withMessage.after();
    Map<String, PublishedProtocol> published = new LinkedHashMap<>();
    List<Protocol> models = new ArrayList<>();
    for (PublishedProtocol p : catalog.latestOfEach()) {
      published.put(p.slug(), p);
      models.add(catalog.model(p));
    }
    ProtocolMatcher.Match match = ProtocolMatcher.match(models, facts(kase), now);
    Function<Protocol, ProtocolRef> ref =
        p -> new ProtocolRef(p.slug(), published.get(p.slug()).version());
    StoredCase stored =
        new StoredCase(
            kase, match.winner().map(ref), match.alternatives().stream().map(ref).toList(), 0);
    repository.insert(stored, actor);
    repository.addInteraction(kase.id(), message);
    List<CaseEvent> events = new ArrayList<>(opened.events());
    events.addAll(withMessage.events());
    record(events, actor, stored);
    List<ConditionStop> stops = new ArrayList<>();
    for (ProtocolMatcher.Stopped stopped : match.stopped()) {
      stops.add(conditionStopped(kase.id(), stopped, published, match, actor, now));
    }
    List<SlaClock> clocks = sla.getObject().opened(stored, events);
    repository.slaDue(kase.id(), earliestDue(clocks));
    listeners.orderedStream().forEach(l -> l.changed(stored, events, actor));
    Optional<RunSummary> run =
        match.winner().map(p -> runs.getObject().start(kase, p, ref.apply(p).version(), actor));
    StoredCase shown = stored;
    if (run.isPresent() && !run.get().status().equals("active")) {
      // the run went through to its end at once and may have resolved the case: show it as it is
      shown = repository.find(kase.id()).orElseThrow();
      clocks = sla.getObject().clocks(shown);
    }
    JsonNode body = JSON.valueToTree(CaseViews.full(shown, run, clocks, surveys(kase.id()), stops));
    key.ifPresent(
        k ->
            repository.remember(
                k, new Remembered(kase.id(), hash, JSON.writeValueAsString(body)), actor, now));
    return new Opening.Opened(body, false);
  }

  /**
   * Records that a protocol's applies_when was stopped at its cost limit for the new case: on the
   * case (shown with it), in the audit trail and in the log, naming the protocol, its version and
   * where the condition is written, so that the case is not quietly run by another protocol and the
   * protocol's owner can fix the condition.
   */
  private ConditionStop conditionStopped(
      String caseId,
      ProtocolMatcher.Stopped stopped,
      Map<String, PublishedProtocol> published,
      ProtocolMatcher.Match match,
      String actor,
      Instant now) {
    Protocol protocol = stopped.protocol();
    ConditionStop stop =
        new ConditionStop(
            protocol.slug(),
            published.get(protocol.slug()).version(),
            "applies_when",
            protocol.file() + ":" + stopped.condition().position(),
            stopped.condition().expression(),
            stopped.message(),
            match.needsAPerson(),
            now);
    conditionStops.insert(caseId, stop);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("protocol", stop.protocol());
    details.put("version", stop.version());
    details.put("condition", stop.condition());
    details.put("location", stop.location());
    details.put("held_back", stop.heldBack());
    audit.append(
        "case",
        caseId,
        "case.protocol_condition_stopped",
        actor,
        stop.message(),
        JSON.writeValueAsString(details));
    log.warn(
        "Protocol {} version {}: its {} at {} was stopped at its cost limit on case {}: {} {}",
        stop.protocol(),
        stop.version(),
        stop.condition(),
        stop.location(),
        caseId,
        stop.message(),
        stop.heldBack()
            ? "No protocol was chosen; the case waits for a person to choose one."
            : "The case runs "
                + match.winner().map(Protocol::slug).orElse("no protocol")
                + ", which ranks above it.");
    return stop;
  }

  /** The conditions stopped at their cost limit when the case's protocol was chosen. */
  public List<ConditionStop> conditionStops(String caseId) {
    return conditionStops.of(caseId);
  }

  /** The case as stored; runs read it for their conditions and scripts. */
  public Optional<StoredCase> find(String id) {
    return repository.find(id);
  }

  /**
   * The cases of protocols (of one protocol and version, when given) created from {@code from}
   * (inclusive) up to {@code to} (exclusive), oldest first, with their conversations; for reports,
   * which count messages and their times but do not read them, so every message's body is empty.
   */
  public List<StoredCase> createdBetween(
      Instant from, Instant to, Optional<String> protocol, Optional<Integer> version) {
    return repository.createdBetween(from, to, protocol, version);
  }

  /** The cases of protocols among these ids, read as {@link #createdBetween} reads them. */
  public List<StoredCase> forReports(java.util.Collection<String> ids) {
    return repository.forReports(ids);
  }

  /** The case in full, with where its run stands. */
  Optional<Map<String, Object>> view(String id, String viewer) {
    return repository.find(id).map(stored -> full(stored, viewer));
  }

  /**
   * Which cases a listing shows, for the pages of other features (the console): the same filters as
   * the API's listing; {@code unassigned} asks for the cases nobody has, and a cursor this server
   * gave out continues a listing (one it did not give out starts from the top).
   */
  public record Query(
      Optional<CaseStatus> status,
      Optional<Channel> channel,
      Optional<String> protocol,
      Optional<String> assignee,
      boolean unassigned,
      Optional<String> team,
      Optional<Instant> dueBefore,
      Optional<String> customerId,
      Optional<String> cursor,
      int limit,
      Optional<String> language,
      Optional<String> tier) {}

  /** The customers' languages and tiers among the cases, lower case, for filtering by them. */
  public record CustomerFacets(List<String> languages, List<String> tiers) {}

  public CustomerFacets customerFacets() {
    return new CustomerFacets(repository.languages(), repository.tiers());
  }

  /**
   * A page of cases, newest first (soonest due first when listing the cases due before a time), and
   * the cursor of the next page, if any.
   */
  public record Listing(List<StoredCase> cases, Optional<String> nextCursor) {}

  /** One page of the cases the query asks for. */
  public Listing list(Query query) {
    Optional<CaseRepository.Filter.Queue> queue =
        query
            .assignee()
            .<CaseRepository.Filter.Queue>map(CaseRepository.Filter.Queue.Assignee::new)
            .or(() -> query.team().map(CaseRepository.Filter.Queue.Team::new))
            .or(
                () ->
                    query.unassigned()
                        ? Optional.of(new CaseRepository.Filter.Queue.Unassigned())
                        : Optional.empty());
    Page page =
        list(
            new CaseRepository.Filter(
                query.status(),
                query.channel(),
                query.protocol(),
                queue,
                query.dueBefore(),
                query.customerId(),
                query.cursor().flatMap(Cases::position),
                query.limit(),
                query.language(),
                query.tier()));
    return new Listing(page.cases(), page.next().map(Cases::cursor));
  }

  /** The cursor is opaque to clients: the last case's creation time and id, base64url. */
  static String cursor(CaseRepository.Position position) {
    String text = position.at() + "|" + position.id();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Where a cursor continues; empty when this server did not give it out. */
  static Optional<CaseRepository.Position> position(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int bar = text.indexOf('|');
      if (bar < 0) {
        return Optional.empty();
      }
      return Optional.of(
          new CaseRepository.Position(
              TimeInput.instant("cursor", text.substring(0, bar)), text.substring(bar + 1)));
    } catch (IllegalArgumentException | TimeInput.Invalid e) {
      return Optional.empty();
    }
  }

  Page list(CaseRepository.Filter filter) {
    List<CaseRepository.Listed> found = repository.list(filter);
    List<StoredCase> cases =
        found.stream().limit(filter.limit()).map(CaseRepository.Listed::stored).toList();
    if (found.size() <= filter.limit()) {
      return new Page(cases, Optional.empty());
    }
    return new Page(cases, Optional.of(found.get(filter.limit() - 1).position()));
  }

  /**
   * Everything that happened to the case, oldest first: its own audit events and those of its runs
   * (steps, skips, deviations, switches); empty when there is no such case.
   */
  Optional<List<AuditLog.Entry>> events(String id) {
    if (repository.find(id).isEmpty()) {
      return Optional.empty();
    }
    List<AuditLog.Entry> events = new ArrayList<>(audit.entries("case", id));
    runs.getObject().runIds(id).forEach(run -> events.addAll(audit.entries("run", run)));
    events.sort(Comparator.comparing(AuditLog.Entry::at).thenComparing(AuditLog.Entry::id));
    return Optional.of(events);
  }

  public long count() {
    return repository.count();
  }

  /**
   * What conditions and scripts know of the case, with {@code customer.case_count}: the cases its
   * customer opened before it.
   */
  public CaseFacts facts(Case kase) {
    return withHistory(CaseFacts.of(kase));
  }

  /** The facts given, with {@code customer.case_count} looked up. */
  public CaseFacts withHistory(CaseFacts facts) {
    Case kase = facts.kase();
    return facts.withEarlierCases(
        repository.countOpenedBefore(kase.customer().id(), kase.createdAt()));
  }

  /**
   * Applies a change to the case and stores it with its audit events; empty when there is no such
   * case.
   *
   * @throws io.servicebook.cases.IllegalCaseTransition if the change moves the status illegally
   * @throws CaseClosed if the change adds to a closed case's conversation
   * @throws ConcurrentChange if someone else changed the case meanwhile
   */
  Optional<Map<String, Object>> change(String id, String actor, Function<Case, Case.Change> how) {
    return transactions.execute(
        status -> changeByAgent(id, actor, how).map(saved -> full(saved, actor)));
  }

  /**
   * Applies an agent's change to the case (from the console) and stores it with its audit events,
   * in a transaction of its own; empty when there is no such case.
   *
   * @throws io.servicebook.cases.IllegalCaseTransition if the change moves the status illegally
   * @throws CaseClosed if the change adds to a closed case's conversation
   * @throws ConcurrentChange if someone else changed the case meanwhile
   */
  public Optional<StoredCase> changeByAgent(
      String id, String actor, Function<Case, Case.Change> how) {
    return transactions.execute(
        status -> repository.find(id).map(stored -> save(stored, how.apply(stored.kase()), actor)));
  }

  /** The agent's reply to the customer, on the case's channel. */
  public Function<Case, Case.Change> reply(String body, String actor) {
    return addInteraction(
        new CaseRequests.NewInteraction(Interaction.Kind.OUTBOUND_MESSAGE, body, Optional.empty()),
        actor);
  }

  /**
   * The agent's reply and then, if they chose one, the status the case moves to with it ("send and
   * set waiting on customer"), in one change: both are stored or neither.
   *
   * @throws io.servicebook.cases.IllegalCaseTransition if the case cannot move to that status after
   *     the reply (a new case is open once answered)
   */
  public Function<Case, Case.Change> reply(String body, String actor, Optional<CaseStatus> then) {
    Function<Case, Case.Change> reply = reply(body, actor);
    if (then.isEmpty()) {
      return reply;
    }
    return kase -> {
      Case.Change replied = reply.apply(kase);
      if (replied.after().status() == then.get()) {
        return replied;
      }
      Case.Change moved =
          replied
              .after()
              .changeStatus(
                  then.get(),
                  clock.instant().truncatedTo(ChronoUnit.MILLIS),
                  actor,
                  "set with the reply");
      List<CaseEvent> events = new ArrayList<>(replied.events());
      events.addAll(moved.events());
      return new Case.Change(moved.after(), events);
    };
  }

  /** The statuses a case in {@code status} may be set to with an agent's reply. */
  public static List<CaseStatus> statusesWithReply(CaseStatus status) {
    CaseStatus afterReply = status == CaseStatus.NEW ? CaseStatus.OPEN : status;
    return CaseStatusTransitions.allowedFrom(afterReply).stream()
        .filter(s -> s != CaseStatus.CLOSED)
        .sorted()
        .toList();
  }

  /** An internal note on the case: never shown or sent to the customer. */
  public Function<Case, Case.Change> note(String body, String actor) {
    return addInteraction(
        new CaseRequests.NewInteraction(Interaction.Kind.NOTE, body, Optional.empty()), actor);
  }

  /**
   * The {@code @names} a note mentions that are nobody's account; a note mentioning any of them is
   * refused.
   */
  public List<String> unknownMentions(String body) {
    NoteMentions check = mentions.getIfAvailable();
    return check == null ? List.of() : check.unknown(body);
  }

  /** The customer's message on the given channel: it starts `next_response` like any other. */
  public Function<Case, Case.Change> customerMessage(String body, Channel channel) {
    return addInteraction(
        new CaseRequests.NewInteraction(
            Interaction.Kind.INBOUND_MESSAGE, body, Optional.of(channel)),
        "customer");
  }

  Function<Case, Case.Change> addInteraction(CaseRequests.NewInteraction request, String actor) {
    return kase -> {
      if (kase.status() == CaseStatus.CLOSED) {
        throw new CaseClosed(kase.id());
      }
      boolean inbound = request.kind() == Interaction.Kind.INBOUND_MESSAGE;
      return kase.addInteraction(
          new Interaction(
              request.kind(),
              request.channel().orElse(kase.channel()),
              inbound ? kase.customer().id() : actor,
              request.body(),
              request.kind() == Interaction.Kind.NOTE
                  ? Interaction.Visibility.INTERNAL
                  : Interaction.Visibility.PUBLIC,
              clock.instant().truncatedTo(ChronoUnit.MILLIS)));
    };
  }

  Instant now() {
    return clock.instant();
  }

  /**
   * Resolves the case because a step of its run says so; a case already resolved or closed stays as
   * it is. Runs call this in their own transaction.
   */
  @Transactional
  public void resolveByRun(String caseId, String reason, String actor) {
    StoredCase stored =
        repository
            .find(caseId)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "The run of case " + caseId + " outlived its case; this is a bug."));
    if (CaseStatusTransitions.isAllowed(stored.kase().status(), CaseStatus.RESOLVED)) {
      save(
          stored,
          stored
              .kase()
              .changeStatus(
                  CaseStatus.RESOLVED,
                  clock.instant().truncatedTo(ChronoUnit.MILLIS),
                  actor,
                  reason),
          actor);
    }
  }

  /**
   * Applies a change the system makes on its own (an SLA breach escalating the case, say) and
   * stores it with its audit events, in the caller's transaction; empty when there is no such case.
   *
   * @throws ConcurrentChange if someone else changed the case meanwhile
   */
  @Transactional
  public Optional<StoredCase> changeBySystem(
      String id, String actor, Function<Case, Case.Change> how) {
    return repository.find(id).map(stored -> save(stored, how.apply(stored.kase()), actor));
  }

  /**
   * Points the case at another protocol version because the agent switched protocol, audited as
   * {@code case.protocol_switched} with the reason, and reschedules its SLA timers for the new
   * protocol's targets; in the caller's transaction.
   *
   * @param details what the audit event should add (the runs left and started)
   * @throws ConcurrentChange if someone else changed the case meanwhile
   */
  @Transactional
  public StoredCase switchProtocol(
      StoredCase stored, ProtocolRef to, String reason, String actor, Map<String, Object> details) {
    if (!repository.updateProtocol(stored.kase().id(), to, stored.version())) {
      throw new ConcurrentChange("case", stored.kase().id());
    }
    StoredCase saved =
        new StoredCase(stored.kase(), Optional.of(to), stored.alternatives(), stored.version() + 1);
    Map<String, Object> audited = new LinkedHashMap<>();
    audited.put("from", stored.protocol().orElse(null));
    audited.put("to", to);
    audited.putAll(details);
    audit.append(
        "case",
        stored.kase().id(),
        "case.protocol_switched",
        actor,
        reason,
        JSON.writeValueAsString(audited));
    sla.getObject().changed(stored, saved, List.of());
    return saved;
  }

  private StoredCase save(StoredCase stored, Case.Change change, String actor) {
    if (change.events().isEmpty()) {
      return stored;
    }
    if (!repository.update(change.after(), stored.version())) {
      throw new ConcurrentChange("case", stored.kase().id());
    }
    for (CaseEvent event : change.events()) {
      if (event instanceof CaseEvent.InteractionAdded added) {
        repository.addInteraction(stored.kase().id(), added.interaction());
      }
    }
    StoredCase saved =
        new StoredCase(
            change.after(), stored.protocol(), stored.alternatives(), stored.version() + 1);
    record(change.events(), actor, saved);
    repository.slaDue(
        saved.kase().id(), earliestDue(sla.getObject().changed(stored, saved, change.events())));
    listeners.orderedStream().forEach(l -> l.changed(saved, change.events(), actor));
    // a listener may have changed the case once more (a survey's invitation on its timeline)
    return repository.find(saved.kase().id()).orElse(saved);
  }

  /** When the first of the running, unpaused clocks falls due. */
  private static Optional<Instant> earliestDue(List<SlaClock> clocks) {
    return clocks.stream()
        .filter(SlaClock::isRunning)
        .flatMap(c -> c.dueAt().stream())
        .min(Comparator.naturalOrder());
  }

  private Map<String, Object> full(StoredCase stored, String viewer) {
    Map<String, Object> view =
        CaseViews.full(
            stored,
            runs.getObject().latest(stored.kase(), viewer),
            sla.getObject().clocks(stored),
            surveys(stored.kase().id()),
            conditionStops.of(stored.kase().id()));
    // merges: the case this one was merged into, and those merged into it (each keeps its run)
    view.put("merged_into", repository.mergedInto(stored.kase().id()).orElse(null));
    view.put("merged_cases", repository.mergedFrom(stored.kase().id()));
    return view;
  }

  private List<CaseSurveys.SurveySummary> surveys(String caseId) {
    CaseSurveys feature = surveys.getIfAvailable();
    return feature == null ? List.of() : feature.of(caseId);
  }

  private void record(List<CaseEvent> events, String actor, StoredCase stored) {
    for (CaseEvent event : events) {
      Map<String, Object> details = new LinkedHashMap<>();
      String reason = null;
      String type =
          switch (event) {
            case CaseEvent.CaseOpened o -> {
              details.put("channel", o.channel().key());
              details.put("category", o.category());
              details.put("priority", o.priority().key());
              details.put("customer_id", o.customerId());
              details.put("protocol", stored.protocol().orElse(null));
              details.put("alternatives", stored.alternatives());
              yield "case.opened";
            }
            case CaseEvent.CaseStatusChanged s -> {
              reason = s.reason();
              details.put("from", s.from().key());
              details.put("to", s.to().key());
              yield "case.status_changed";
            }
            case CaseEvent.InteractionAdded i -> {
              details.put("kind", i.interaction().kind().name());
              details.put("channel", i.interaction().channel().key());
              details.put("author", i.interaction().author());
              i.interaction()
                  .call()
                  .ifPresent(
                      c -> {
                        details.put(
                            "call_direction",
                            c.direction().name().toLowerCase(java.util.Locale.ROOT));
                        details.put("call_seconds", c.duration().toSeconds());
                      });
              yield "case.interaction_added";
            }
            case CaseEvent.CasePriorityChanged p -> {
              reason = p.reason();
              details.put("from", p.from().key());
              details.put("to", p.to().key());
              yield "case.priority_changed";
            }
            case CaseEvent.CaseAssigned a -> {
              details.put("assignee", a.assignee().orElse(null));
              details.put("team", a.team().orElse(null));
              yield "case.assigned";
            }
          };
      audit.append("case", event.caseId(), type, actor, reason, JSON.writeValueAsString(details));
    }
  }

  /** What a merge of two cases came to. */
  public sealed interface Merge {
    /** The other case is closed as merged into the surviving one. */
    record Merged(StoredCase survivor, StoredCase merged) implements Merge {}

    /** There is no such case (the one named by {@code id}). */
    record NotFound(String id) implements Merge {}

    /**
     * The cases cannot be merged: {@code why} is {@code same-case}, {@code different-customer} or
     * {@code case-closed}; {@code detail} says it in a sentence.
     */
    record Refused(String why, String detail) implements Merge {}
  }

  /**
   * Merges case {@code otherId} into case {@code survivorId} in one transaction: both must be open
   * (not closed) cases of the same customer. The other case is closed as merged (its status change
   * and a {@code case.merged} event are audited on both cases); its conversation shows on the
   * surviving case's timeline, its runs stay as they are, and mail threaded to it goes to the
   * surviving case from now on.
   *
   * @throws ConcurrentChange if someone else changed the other case meanwhile
   */
  public Merge merge(String survivorId, String otherId, String reason, String actor) {
    return transactions.execute(
        status -> {
          Optional<StoredCase> survivor = repository.find(survivorId);
          if (survivor.isEmpty()) {
            return new Merge.NotFound(survivorId);
          }
          Optional<StoredCase> other = repository.find(otherId);
          if (other.isEmpty()) {
            return new Merge.NotFound(otherId);
          }
          Case kept = survivor.get().kase();
          Case gone = other.get().kase();
          if (kept.id().equals(gone.id())) {
            return new Merge.Refused("same-case", "A case cannot be merged into itself.");
          }
          if (!kept.customer().id().equals(gone.customer().id())) {
            return new Merge.Refused(
                "different-customer",
                "Case "
                    + gone.id()
                    + " is another customer's; only cases of the same customer are merged.");
          }
          for (Case c : List.of(kept, gone)) {
            if (c.status() == CaseStatus.CLOSED) {
              return new Merge.Refused(
                  "case-closed",
                  "Case "
                      + c.id()
                      + " is closed"
                      + repository
                          .mergedInto(c.id())
                          .map(m -> " (merged into " + m + ")")
                          .orElse("")
                      + "; only cases that are not closed are merged.");
            }
          }
          Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
          if (!repository.markMerged(gone.id(), kept.id(), now, actor)) {
            throw new ConcurrentChange("case", gone.id());
          }
          StoredCase closed = save(other.get(), gone.closeAsMerged(kept.id(), now, actor), actor);
          String why = reason.isBlank() ? null : reason.strip();
          audit.append(
              "case",
              gone.id(),
              "case.merged",
              actor,
              why,
              JSON.writeValueAsString(Map.of("into", kept.id(), "role", "merged")));
          audit.append(
              "case",
              kept.id(),
              "case.merged",
              actor,
              why,
              JSON.writeValueAsString(Map.of("from", gone.id(), "role", "survivor")));
          return new Merge.Merged(survivor.get(), closed);
        });
  }

  /**
   * The case that a message to this case belongs to: the case itself, or, when it was merged, the
   * case it was merged into (following merges of merges).
   */
  public String survivorOf(String caseId) {
    String at = caseId;
    for (int hops = 0; hops < 100; hops++) {
      Optional<String> into = repository.mergedInto(at);
      if (into.isEmpty()) {
        return at;
      }
      at = into.get();
    }
    return at;
  }

  /** The case this one was merged into, if it was. */
  public Optional<String> mergedInto(String caseId) {
    return repository.mergedInto(caseId);
  }

  /** The cases merged into this one, as stored, oldest merge first. */
  public List<StoredCase> mergedFrom(String caseId) {
    return repository.mergedFrom(caseId).stream()
        .flatMap(id -> repository.find(id).stream())
        .toList();
  }

  /** A closed case takes no more interactions; a follow-up case does. */
  public static final class CaseClosed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CaseClosed(String id) {
      super(
          "Case "
              + id
              + " is closed and takes no more interactions; open a follow-up case instead.");
    }
  }
}
