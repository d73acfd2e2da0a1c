package io.servicebook.server.escalation;

import io.servicebook.cases.Case;
import io.servicebook.escalation.EscalationLadder;
import io.servicebook.escalation.EscalationLevel;
import io.servicebook.escalation.EscalationMove;
import io.servicebook.protocol.Priority;
import io.servicebook.server.audit.AuditLog;
import io.servicebook.server.cases.Cases;
import io.servicebook.server.cases.ConcurrentChange;
import io.servicebook.server.cases.StoredCase;
import io.servicebook.server.escalation.EscalationRepository.Escalation;
import io.servicebook.server.teams.EscalationLadders;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Escalates cases on the escalation ladder and carries out the other things a protocol asks of a
 * case when a step or an SLA breach says so: give it to a team, raise its priority, notify someone.
 * Each escalation is stored and audited with its reason, and everyone the new level names is
 * notified. Steps and breaches call this in their own transaction, so it commits or rolls back with
 * them; escalations by hand run in their own.
 */
@Service
public class Escalations {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  static final String ESCALATED = "escalated";
  static final String DE_ESCALATED = "de_escalated";

  /** What made a case escalate. */
  public enum Source {
    BY_HAND,
    STEP,
    SLA_BREACH;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final EscalationLadders ladders;
  private final EscalationRepository repository;
  private final ApplicationEventPublisher events;
  private final Cases cases;
  private final AuditLog audit;
  private final Clock clock;
  private final TransactionTemplate transactions;

  Escalations(
      EscalationLadders ladders,
      EscalationRepository repository,
      ApplicationEventPublisher events,
      Cases cases,
      AuditLog audit,
      Clock clock,
      TransactionTemplate transactions) {
    this.ladders = ladders;
    this.repository = repository;
    this.events = events;
    this.cases = cases;
    this.audit = audit;
    this.clock = clock;
    this.transactions = transactions;
  }

  /** What an escalation or de-escalation by hand got. */
  public sealed interface Outcome {
    record CaseNotFound(String caseId) implements Outcome {}

    record Refused(EscalationMove.Refused refusal) implements Outcome {}

    record Done(Map<String, Object> escalation) implements Outcome {}
  }

  /** The ladder in force, as stored (read on every use, so every node follows an edit at once). */
  public EscalationLadder ladder() {
    return ladders.current();
  }

  /** Escalates the case one level up, or to the higher level {@code to}, for a reason. */
  public Outcome byHand(String caseId, Optional<String> to, String reason, String actor) {
    return transactions.execute(
        status -> {
          EscalationLadder ladder = ladder();
          return move(caseId, ladder, current -> ladder.up(current, to), ESCALATED, reason, actor);
        });
  }

  /** The case's current level on the ladder (the lowest when it never escalated). */
  public EscalationLevel level(String caseId) {
    return current(ladder(), caseId);
  }

  /** Takes the case down to the lower level {@code to}, for a reason. */
  Outcome deEscalate(String caseId, String to, String reason, String actor) {
    return transactions.execute(
        status -> {
          EscalationLadder ladder = ladder();
          return move(
              caseId, ladder, current -> ladder.down(current, to), DE_ESCALATED, reason, actor);
        });
  }

  private Outcome move(
      String caseId,
      EscalationLadder ladder,
      Function<EscalationLevel, EscalationMove> how,
      String kind,
      String reason,
      String actor) {
    Optional<StoredCase> stored = cases.find(caseId);
    if (stored.isEmpty()) {
      return new Outcome.CaseNotFound(caseId);
    }
    return switch (how.apply(current(ladder, caseId))) {
      case EscalationMove.Refused refused -> new Outcome.Refused(refused);
      case EscalationMove.Moved moved ->
          new Outcome.Done(
              view(
                  record(
                      stored.get().kase(),
                      moved,
                      kind,
                      Source.BY_HAND,
                      Optional.empty(),
                      reason,
                      actor,
                      Map.of())));
    };
  }

  /** The case's level and every move it made, oldest first; empty when there is no such case. */
  Optional<Map<String, Object>> history(String caseId) {
    return cases
        .find(caseId)
        .map(
            stored -> {
              EscalationLadder ladder = ladder();
              EscalationLevel level = current(ladder, caseId);
              Map<String, Object> body = new LinkedHashMap<>();
              body.put("case_id", caseId);
              body.put("level", level(ladder, level));
              body.put("levels", ladder.levels().stream().map(l -> level(ladder, l)).toList());
              body.put("items", repository.of(caseId).stream().map(Escalations::view).toList());
              return body;
            });
  }

  /**
   * A step or a breach asks to escalate to {@code to}: a level's key moves the case to that level;
   * any other name is a team, which gets the case as it goes one level up. A case already at or
   * above the level asked for stays where it is, and that is audited ({@code
   * case.escalation_skipped}). Runs in the caller's transaction.
   *
   * @param details what the audit event should add about where the request came from
   */
  @Transactional
  public void escalate(
      String caseId,
      String to,
      Source source,
      String reason,
      String actor,
      Map<String, Object> details) {
    Case kase = existing(caseId);
    EscalationLadder ladder = ladder();
    EscalationLadder.Request request = ladder.request(current(ladder, caseId), to);
    Map<String, Object> more = new LinkedHashMap<>(details);
    more.put("requested", to);
    switch (request.move()) {
      case EscalationMove.Moved moved ->
          record(kase, moved, ESCALATED, source, request.team(), reason, actor, more);
      case EscalationMove.Refused refused -> {
        more.put("source", source.key());
        more.put("refused", refused.message());
        audit.append("case", caseId, "case.escalation_skipped", actor, reason, json(more));
      }
    }
    request.team().ifPresent(team -> reassign(caseId, team, actor, reason));
  }

  /** Gives the case to the team, keeping its assignee, in the caller's transaction. */
  @Transactional
  public void reassign(String caseId, String team, String actor, String reason) {
    Instant now = clock.instant();
    cases.changeBySystem(caseId, actor, c -> c.assign(c.assignee(), Optional.of(team), actor, now));
  }

  /**
   * Raises the priority to {@code to}, or one level when empty; never lowers it. In the caller's
   * transaction.
   */
  @Transactional
  public void raisePriority(String caseId, Optional<Priority> to, String actor, String reason) {
    Case kase = existing(caseId);
    Priority raised = to.orElse(oneAbove(kase.priority()));
    if (raised.compareTo(kase.priority()) > 0) {
      Instant now = clock.instant();
      cases.changeBySystem(caseId, actor, c -> c.changePriority(raised, now, actor, reason));
    }
  }

  /**
   * Tells {@code who} (a role's key or a username) about the case: audited as {@code
   * notification.requested} and left in the notification outbox. In the caller's transaction.
   */
  @Transactional
  public void notify(
      String caseId, String who, String actor, String reason, Map<String, Object> details) {
    Case kase = existing(caseId);
    Map<String, Object> more = new LinkedHashMap<>(details);
    more.put("who", who);
    audit.append("case", caseId, "notification.requested", actor, reason, json(more));
    events.publishEvent(
        new EscalationNotice(
            who,
            caseId,
            "notification_requested",
            "Case “" + kase.subject() + "” needs you: " + reason));
  }

  private Escalation record(
      Case kase,
      EscalationMove.Moved moved,
      String kind,
      Source source,
      Optional<String> team,
      String reason,
      String actor,
      Map<String, Object> details) {
    Optional<Escalation> latest = repository.latest(kase.id());
    Escalation stored;
    try {
      stored =
          repository.insert(
              new Escalation(
                  0,
                  kase.id(),
                  latest.map(Escalation::seq).orElse(0) + 1,
                  kind,
                  moved.from().key(),
                  moved.to().key(),
                  source.key(),
                  team,
                  reason,
                  actor,
                  clock.instant()));
    } catch (DuplicateKeyException raced) {
      throw new ConcurrentChange("case", kase.id());
    }
    List<String> notified = moved.to().recipients();
    String message = message(kase, moved, kind, reason, actor);
    notified.forEach(
        who -> events.publishEvent(new EscalationNotice(who, kase.id(), "case_" + kind, message)));
    Map<String, Object> audited = new LinkedHashMap<>();
    audited.put("from", moved.from().key());
    audited.put("to", moved.to().key());
    audited.put("source", source.key());
    audited.put("team", team.orElse(null));
    audited.put("notified", notified);
    audited.putAll(details);
    audit.append("case", kase.id(), "case." + kind, actor, reason, json(audited));
    return stored;
  }

  private static String message(
      Case kase, EscalationMove.Moved moved, String kind, String reason, String actor) {
    return "Case “"
        + kase.subject()
        + "” was "
        + (kind.equals(ESCALATED) ? "escalated" : "de-escalated")
        + " from "
        + moved.from().name()
        + " to "
        + moved.to().name()
        + " by "
        + actor
        + ": "
        + reason;
  }

  private EscalationLevel current(EscalationLadder ladder, String caseId) {
    return ladder.current(repository.latest(caseId).map(Escalation::toLevel));
  }

  private Case existing(String caseId) {
    return cases
        .find(caseId)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Case " + caseId + " was asked to escalate but does not exist; a bug."))
        .kase();
  }

  private static Priority oneAbove(Priority priority) {
    Priority[] all = Priority.values();
    return all[Math.min(priority.ordinal() + 1, all.length - 1)];
  }

  private static Map<String, Object> level(EscalationLadder ladder, EscalationLevel level) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("key", level.key());
    view.put("name", level.name());
    view.put("rank", ladder.rank(level));
    view.put("notify", level.recipients());
    return view;
  }

  static Map<String, Object> view(Escalation e) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", e.id());
    view.put("case_id", e.caseId());
    view.put("kind", e.kind());
    view.put("from", e.fromLevel());
    view.put("to", e.toLevel());
    view.put("source", e.source());
    view.put("team", e.team().orElse(null));
    view.put("reason", e.reason());
    view.put("actor", e.actor());
    view.put("at", e.at().toString());
    return view;
  }

  private static String json(Map<String, Object> details) {
    return JSON.writeValueAsString(details);
  }
}
