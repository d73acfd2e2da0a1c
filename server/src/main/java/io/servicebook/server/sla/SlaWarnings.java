package io.servicebook.server.sla;

import io.servicebook.server.audit.AuditLog;
import io.servicebook.server.timers.TimerHandler;
import io.servicebook.server.timers.Timers;
import io.servicebook.sla.ClockState;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * When a warning timer comes due and its clock still runs and really is past its warning share:
 * audits it once. A resolved or closed case, or a stopped clock, warns no more.
 */
@Component
class SlaWarnings implements TimerHandler {

  private final CaseClocks clocks;
  private final SlaRepository repository;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  SlaWarnings(
      CaseClocks clocks,
      SlaRepository repository,
      AuditLog audit,
      ApplicationEventPublisher events,
      Clock clock) {
    this.clocks = clocks;
    this.repository = repository;
    this.audit = audit;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return SlaTimer.WARNING;
  }

  @Override
  public void fire(Timers.Due due) {
    Instant now = clock.instant();
    Optional<SlaTimer> timer = SlaTimer.parse(due.id());
    Optional<CaseClocks.CaseClock> warned =
        timer
            .flatMap(t -> clocks.running(t, now))
            .filter(c -> c.clock().state() == ClockState.WARNED);
    if (warned.isEmpty()) {
      return;
    }
    String caseId = timer.get().caseId();
    SlaRepository.Firing firing =
        new SlaRepository.Firing(
            caseId, timer.get().target(), timer.get().cycle(), SlaRepository.WARNING);
    if (repository.recordFiring(firing, now)) {
      audit.append(
          "case", caseId, "sla.warned", "system", null, SlaDetails.of(warned.get().clock()));
      events.publishEvent(SlaDetails.alarm(warned.get(), false));
    }
  }
}
