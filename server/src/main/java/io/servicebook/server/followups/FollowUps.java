package io.servicebook.server.followups;

import io.servicebook.cases.Case;
import io.servicebook.cases.CaseFacts;
import io.servicebook.followups.DueTime;
import io.servicebook.followups.FollowUpStatus;
import io.servicebook.followups.Resolution;
import io.servicebook.protocol.FollowUp;
import io.servicebook.protocol.Protocol;
import io.servicebook.runs.RunEngine;
import io.servicebook.runs.RunEvent;
import io.servicebook.server.cases.Cases;
import io.servicebook.server.cases.ConcurrentChange;
import io.servicebook.server.cases.StoredCase;
import io.servicebook.server.protocols.ProtocolCatalog;
import io.servicebook.server.runs.RunActions;
import io.servicebook.server.timers.Timers;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Follow-ups: schedules them when a case is resolved on a protocol with a {@code follow_up} or when
 * a step asks for one (each with its timer, in the transaction of the change that caused it),
 * cancels a resolution's follow-up when the case reopens before it is due, and lets agents mark
 * them done or skip them.
 */
@Service
public class FollowUps {

  /** A follow-up is marked done or skipped at most this often in a row when racing its timer. */
  private static final int ATTEMPTS = 3;

  private final FollowUpRepository repository;
  private final FollowUpMoves moves;
  private final ProtocolCatalog catalog;
  private final Cases cases;
  private final Timers timers;
  private final Clock clock;
  private final TransactionTemplate transactions;

  FollowUps(
      FollowUpRepository repository,
      FollowUpMoves moves,
      ProtocolCatalog catalog,
      Cases cases,
      Timers timers,
      Clock clock,
      TransactionTemplate transactions) {
    this.repository = repository;
    this.moves = moves;
    this.catalog = catalog;
    this.cases = cases;
    this.timers = timers;
    this.clock = clock;
    this.transactions = transactions;
  }

  /**
   * What the agent says when following up: the protocol's {@code follow_up.script} in the case's
   * language and for the follow-up's case, personalised; empty for a follow-up a step scheduled (a
   * step's follow-up has no script of its own) or when the protocol gives none.
   */
  Optional<String> script(StoredFollowUp followUp) {
    if (followUp.resolutionCycle().isEmpty()
        || followUp.protocolSlug().isEmpty()
        || followUp.protocolVersion().isEmpty()) {
      return Optional.empty();
    }
    Optional<Protocol> protocol =
        catalog
            .version(followUp.protocolSlug().get(), followUp.protocolVersion().get())
            .map(catalog::model);
    Optional<StoredCase> kase = cases.find(followUp.caseId());
    if (protocol.isEmpty() || kase.isEmpty()) {
      return Optional.empty();
    }
    return RunEngine.create(catalog.fragments())
        .render(
            protocol.get().followUp().flatMap(FollowUp::script),
            protocol.get(),
            CaseFacts.of(kase.get().kase()),
            Map.of())
        .map(RunEngine.Rendered::text);
  }

  /**
   * Schedules the follow-up the case's protocol asks for after a resolution: the version its run is
   * pinned to, else the one the case was opened with. Nothing when that protocol has none, or when
   * this resolution cycle has its follow-up already.
   */
  void afterResolution(StoredCase stored, Resolution resolution, String actor) {
    Case kase = stored.kase();
    Optional<FollowUpRepository.Pinned> pinned =
        repository
            .pinnedProtocol(kase.id())
            .or(
                () ->
                    stored
                        .protocol()
                        .map(p -> new FollowUpRepository.Pinned(p.slug(), p.version())));
    Optional<FollowUp> followUp =
        pinned
            .flatMap(p -> catalog.version(p.slug(), p.version()))
            .map(catalog::model)
            .flatMap(Protocol::followUp);
    if (pinned.isEmpty() || followUp.isEmpty()) {
      return;
    }
    FollowUpRepository.Pinned protocol = pinned.get();
    FollowUp asked = followUp.get();
    StoredFollowUp f =
        new StoredFollowUp(
            resolutionFollowUpId(kase.id(), resolution.cycle()),
            kase.id(),
            StoredFollowUp.Source.RESOLUTION,
            Optional.of(protocol.slug()),
            Optional.of(protocol.version()),
            Optional.empty(),
            Optional.empty(),
            Optional.of(resolution.cycle()),
            asked.after().text(),
            DueTime.after(resolution.resolvedAt(), asked.after()),
            asked.channel().or(() -> Optional.of(kase.channel())),
            kase.assignee(),
            kase.team(),
            FollowUpStatus.SCHEDULED,
            Optional.empty(),
            Optional.empty(),
            resolution.resolvedAt(),
            actor,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            0);
    schedule(
        f,
        protocol.slug()
            + " version "
            + protocol.version()
            + " follows up "
            + asked.after()
            + " after the case is resolved");
  }

  /**
   * The id of the follow-up of a case's resolution cycle: derived from the case and the cycle, so
   * rows written around the services ({@code servicebook demo-data}) get the id this class gives.
   */
  public static String resolutionFollowUpId(String caseId, int cycle) {
    return StoredFollowUp.idOf(caseId, "resolution:" + cycle);
  }

  /** The timer that puts a follow-up into its queue when it comes due, as scheduling writes it. */
  public static Timers.Timer dueTimer(String followUpId, Instant dueAt, String caseId) {
    return new Timers.Timer(FollowUpDue.KIND, followUpId, dueAt, caseId);
  }

  /** Schedules the follow-up a step asked for, due {@code after} the step. */
  void byStep(RunEvent.FollowUpScheduled asked, RunActions.RunInfo run, String actor) {
    Case kase =
        cases
            .find(asked.caseId())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Run " + run.id() + " outlived its case; this is a bug."))
            .kase();
    Instant at = asked.at().truncatedTo(ChronoUnit.MILLIS);
    StoredFollowUp f =
        new StoredFollowUp(
            StoredFollowUp.idOf(
                kase.id(), "step:" + run.id() + ":" + asked.stepId() + ":" + at.toEpochMilli()),
            kase.id(),
            StoredFollowUp.Source.STEP,
            Optional.of(run.protocolSlug()),
            Optional.of(run.protocolVersion()),
            Optional.of(run.id()),
            Optional.of(asked.stepId()),
            Optional.empty(),
            asked.after().text(),
            DueTime.after(at, asked.after()),
            asked.channel().or(() -> Optional.of(kase.channel())),
            kase.assignee(),
            kase.team(),
            FollowUpStatus.SCHEDULED,
            Optional.empty(),
            Optional.empty(),
            at,
            actor,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            0);
    schedule(
        f,
        "step `"
            + asked.stepId()
            + "` of "
            + run.protocolSlug()
            + " version "
            + run.protocolVersion()
            + " follows up after "
            + asked.after());
  }

  /**
   * Schedules a follow-up an agent asked for by hand, with its timer, in one transaction. It goes
   * to the case's assignee, or to the agent when the case has none. Empty when there is no such
   * case.
   */
  public Optional<String> scheduleByHand(String caseId, FollowUpByHand asked, String actor) {
    return transactions.execute(
        status ->
            cases
                .find(caseId)
                .map(
                    stored -> {
                      Case kase = stored.kase();
                      Instant at = asked.askedAt();
                      StoredFollowUp f =
                          new StoredFollowUp(
                              StoredFollowUp.idOf(
                                  kase.id(), "hand:" + actor + ":" + at.toEpochMilli()),
                              kase.id(),
                              StoredFollowUp.Source.MANUAL,
                              Optional.empty(),
                              Optional.empty(),
                              Optional.empty(),
                              Optional.empty(),
                              Optional.empty(),
                              asked.after(),
                              asked.dueAt(),
                              asked.channel().or(() -> Optional.of(kase.channel())),
                              kase.assignee().or(() -> Optional.of(actor)),
                              kase.team(),
                              FollowUpStatus.SCHEDULED,
                              Optional.empty(),
                              Optional.empty(),
                              at,
                              actor,
                              Optional.empty(),
                              Optional.empty(),
                              asked.note(),
                              0);
                      schedule(f, actor + " scheduled a follow-up by hand, due " + asked.dueAt());
                      return f.id();
                    }));
  }

  /**
   * A follow-up as another feature's page lists it, with what the agent says (the protocol's
   * script, personalised) and how it ended.
   */
  public record Listed(
      String id,
      String caseId,
      String status,
      Instant dueAt,
      Optional<String> channel,
      Optional<String> assignee,
      String source,
      Optional<String> note,
      Optional<String> script,
      Optional<String> outcome,
      Optional<String> reason,
      Optional<String> completedBy) {

    /** Whether it waits for an agent to mark it done or skip it. */
    public boolean open() {
      return status.equals(FollowUpStatus.SCHEDULED.key())
          || status.equals(FollowUpStatus.DUE.key());
    }
  }

  /** The case's follow-ups, soonest due first; none when there is no such case. */
  public List<Listed> listOf(String caseId) {
    return repository.ofCase(caseId).stream().map(this::listed).toList();
  }

  private Listed listed(StoredFollowUp f) {
    return new Listed(
        f.id(),
        f.caseId(),
        f.status().key(),
        f.dueAt(),
        f.channel().map(c -> c.key()),
        f.assignee(),
        f.source().key(),
        f.note(),
        f.status().isFinished() ? Optional.empty() : script(f),
        f.outcome(),
        f.reason(),
        f.completedBy());
  }

  /** The longest outcome or reason a follow-up takes. */
  public static final int MAX_TEXT = 2000;

  /**
   * What is wrong with the outcome (done) or the reason (skipped) given to finish a follow-up, in a
   * sentence after the field's name; empty when it is fine.
   */
  public static Optional<String> problem(FollowUpStatus to, Object value) {
    String text = value instanceof String s ? s.trim() : null;
    return Optional.ofNullable(
        value == null
            ? "is required: say " + (to == FollowUpStatus.DONE ? "how it went." : "why.")
            : text == null
                ? "must be text."
                : text.isEmpty()
                    ? "must not be blank."
                    : text.length() > MAX_TEXT
                        ? "is longer than " + MAX_TEXT + " characters."
                        : null);
  }

  /**
   * Marks a follow-up done with its outcome or skipped with the reason, as the API does, for
   * another feature's page; empty when there is no such follow-up.
   *
   * @throws io.servicebook.followups.IllegalFollowUpTransition if it is finished already
   */
  public Optional<Listed> finishAs(String id, FollowUpStatus to, String text, String actor) {
    return finish(id, to, text.strip(), actor).map(this::listed);
  }

  /** The follow-up, as listed; empty when there is none. */
  public Optional<Listed> listed(String id) {
    return repository.find(id).map(this::listed);
  }

  private void schedule(StoredFollowUp f, String reason) {
    if (moves.add(f, reason)) {
      timers.schedule(FollowUpDue.KIND, f.id(), f.dueAt(), f.caseId());
    }
  }

  /** Cancels the case's resolution follow-ups that are not due yet, with their timers. */
  void cancelAfterReopen(String caseId, String actor, String reason, Instant at) {
    for (StoredFollowUp f : repository.scheduledAfterResolution(caseId)) {
      moves.move(f, FollowUpStatus.CANCELLED, Optional.empty(), Optional.of(reason), actor, at);
      timers.cancel(FollowUpDue.KIND, f.id());
    }
  }

  /**
   * Marks a follow-up done (with its outcome) or skipped (with the reason); empty when there is no
   * such follow-up.
   *
   * @throws io.servicebook.followups.IllegalFollowUpTransition if it is done, skipped or cancelled
   */
  Optional<StoredFollowUp> finish(String id, FollowUpStatus to, String text, String actor) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transactions.execute(status -> finishOnce(id, to, text, actor));
      } catch (ConcurrentChange lostTheRace) {
        if (attempt == ATTEMPTS) {
          throw lostTheRace;
        }
      }
    }
  }

  private Optional<StoredFollowUp> finishOnce(
      String id, FollowUpStatus to, String text, String actor) {
    return repository
        .find(id)
        .map(
            f -> {
              boolean done = to == FollowUpStatus.DONE;
              StoredFollowUp moved =
                  moves.move(
                      f,
                      to,
                      done ? Optional.of(text) : Optional.empty(),
                      done ? Optional.empty() : Optional.of(text),
                      actor,
                      clock.instant());
              timers.cancel(FollowUpDue.KIND, f.id());
              return moved;
            });
  }

  Optional<StoredFollowUp> find(String id) {
    return repository.find(id);
  }

  /** The case's follow-ups, soonest due first; empty when there is no such case. */
  Optional<List<StoredFollowUp>> ofCase(String caseId) {
    return cases.find(caseId).map(c -> repository.ofCase(caseId));
  }

  List<StoredFollowUp> queue(FollowUpRepository.Queue queue) {
    return repository.queue(queue);
  }

  /**
   * The follow-ups due for the user, their own and those assigned to nobody, oldest due first, as
   * the API's default queue: only those in {@code due}, so one marked done or skipped leaves it
   * whatever its case's status.
   */
  public List<Listed> dueFor(String username, int limit) {
    return queue(
            new FollowUpRepository.Queue(
                FollowUpStatus.DUE, Optional.of(username), true, Optional.empty(), limit))
        .stream()
        .map(this::listed)
        .toList();
  }
}
