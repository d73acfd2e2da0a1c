package io.servicebook.server.sla;

import io.servicebook.cases.Case;
import io.servicebook.cases.CaseFacts;
import io.servicebook.condition.Evaluation;
import io.servicebook.protocol.Action;
import io.servicebook.server.audit.AuditLog;
import io.servicebook.server.cases.Cases;
import io.servicebook.server.escalation.Escalations;
import io.servicebook.server.timers.TimerHandler;
import io.servicebook.server.timers.Timers;
import io.servicebook.sla.ClockState;
import io.servicebook.sla.SlaClock;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * When a breach timer comes due and its clock still runs and really is breached: audits the breach
 * and does what the protocol's {@code on_breach} says: escalate, reassign, raise the priority,
 * notify. Each clock cycle breaches once, however often its timers fire; a resolved or closed case,
 * or a stopped clock, breaches no more.
 */
@Component
class SlaBreaches implements TimerHandler {

  private static final Logger log = LoggerFactory.getLogger(SlaBreaches.class);
  private static final String SYSTEM = "system";

  private final CaseClocks clocks;
  private final Cases cases;
  private final SlaRepository repository;
  private final AuditLog audit;
  private final Escalations escalations;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  SlaBreaches(
      CaseClocks clocks,
      Cases cases,
      SlaRepository repository,
      AuditLog audit,
      Escalations escalations,
      ApplicationEventPublisher events,
      Clock clock) {
    this.clocks = clocks;
    this.cases = cases;
    this.repository = repository;
    this.audit = audit;
    this.escalations = escalations;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return SlaTimer.BREACH;
  }

  @Override
  public void fire(Timers.Due due) {
    Instant now = clock.instant();
    Optional<SlaTimer> timer = SlaTimer.parse(due.id());
    Optional<CaseClocks.CaseClock> breached =
        timer
            .flatMap(t -> clocks.running(t, now))
            .filter(c -> c.clock().state() == ClockState.BREACHED);
    if (breached.isEmpty()) {
      return;
    }
    CaseClocks.CaseClock found = breached.get();
    String caseId = found.stored().kase().id();
    SlaClock sla = found.clock();
    if (!repository.recordFiring(
        new SlaRepository.Firing(caseId, sla.target(), sla.cycle(), SlaRepository.BREACH), now)) {
      return;
    }
    audit.append("case", caseId, "sla.breached", SYSTEM, null, SlaDetails.of(sla));
    events.publishEvent(SlaDetails.alarm(found, true));
    for (Action action : found.sla().onBreach()) {
      Case kase = cases.find(caseId).orElseThrow().kase();
      if (applies(action, kase, now)) {
        act(action, kase, sla);
      }
    }
  }

  private static boolean applies(Action action, Case kase, Instant now) {
    return action
        .when()
        .map(
            condition ->
                condition.compiled().evaluate(CaseFacts.of(kase).conditionInput(Map.of(), now))
                        instanceof Evaluation.Value value
                    && value.result())
        .orElse(true);
  }

  private void act(Action action, Case kase, SlaClock sla) {
    String reason = "the " + SlaDetails.target(sla) + " SLA was breached";
    switch (action) {
      case Action.Escalate escalate ->
          escalations.escalate(
              kase.id(),
              escalate.to(),
              Escalations.Source.SLA_BREACH,
              reason,
              SYSTEM,
              SlaDetails.fields(sla));
      case Action.Reassign reassign ->
          escalations.reassign(kase.id(), reassign.to(), SYSTEM, reason);
      case Action.RaisePriority raise ->
          escalations.raisePriority(kase.id(), raise.to(), SYSTEM, reason);
      case Action.Notify notify ->
          escalations.notify(kase.id(), notify.who(), SYSTEM, reason, SlaDetails.fields(sla));
      case Action.Compensate a -> unsupported(a, kase);
      case Action.ScheduleFollowUp a -> unsupported(a, kase);
      case Action.SendSurvey a -> unsupported(a, kase);
      case Action.Resolve a -> unsupported(a, kase);
      case Action.Handoff a -> unsupported(a, kase);
    }
  }

  private static void unsupported(Action action, Case kase) {
    log.warn(
        "on_breach action {} is not carried out on a breach (case {}); only escalate, reassign,"
            + " raise_priority and notify are",
        action.key(),
        kase.id());
  }
}
