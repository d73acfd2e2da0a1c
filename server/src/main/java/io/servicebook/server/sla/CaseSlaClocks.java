package io.servicebook.server.sla;

import io.servicebook.cases.CaseEvent;
import io.servicebook.cases.CaseStatus;
import io.servicebook.server.cases.CaseSla;
import io.servicebook.server.cases.StoredCase;
import io.servicebook.server.timers.Timers;
import io.servicebook.sla.ClockState;
import io.servicebook.sla.SlaClock;
import io.servicebook.sla.SlaEvent;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Keeps each case's SLA clocks and their timers current: after every change of a case its status
 * and priority changes are kept, and each running clock gets a warning and a breach timer at the
 * times it warns and falls due, in the same transaction as the change.
 */
@Service
class CaseSlaClocks implements CaseSla {

  private final CaseClocks clocks;
  private final SlaRepository repository;
  private final Timers timers;
  private final Clock clock;

  CaseSlaClocks(CaseClocks clocks, SlaRepository repository, Timers timers, Clock clock) {
    this.clocks = clocks;
    this.repository = repository;
    this.timers = timers;
    this.clock = clock;
  }

  @Override
  public void changed(StoredCase after, List<CaseEvent> events) {
    for (CaseEvent event : events) {
      switch (event) {
        case CaseEvent.CaseOpened o ->
            repository.addChange(
                o.caseId(), new SlaEvent.Opened(o.at(), CaseStatus.NEW, o.priority()));
        case CaseEvent.CaseStatusChanged s ->
            repository.addChange(s.caseId(), new SlaEvent.StatusChanged(s.at(), s.to()));
        case CaseEvent.CasePriorityChanged p ->
            repository.addChange(p.caseId(), new SlaEvent.PriorityChanged(p.at(), p.to()));
        case CaseEvent.InteractionAdded i -> {}
        case CaseEvent.CaseAssigned a -> {}
      }
    }
    schedule(after);
  }

  @Override
  public List<SlaClock> clocks(StoredCase stored) {
    return clocks.at(stored, clock.instant());
  }

  /**
   * A timer for every warning and breach still ahead of a running clock. Timers of earlier due
   * times stay: when they fire they find the clock not due and do nothing.
   */
  private void schedule(StoredCase stored) {
    String caseId = stored.kase().id();
    for (SlaClock c : clocks(stored)) {
      if (!c.isRunning()) {
        continue;
      }
      if (c.state() == ClockState.RUNNING || c.state() == ClockState.PAUSED) {
        c.warnAt()
            .ifPresent(
                at ->
                    schedule(SlaTimer.WARNING, SlaTimer.of(caseId, c, at), SlaRepository.WARNING));
      }
      c.dueAt()
          .ifPresent(
              at -> schedule(SlaTimer.BREACH, SlaTimer.of(caseId, c, at), SlaRepository.BREACH));
    }
  }

  private void schedule(String kind, SlaTimer timer, String firing) {
    var fired = new SlaRepository.Firing(timer.caseId(), timer.target(), timer.cycle(), firing);
    if (!repository.hasFired(fired)) {
      timers.schedule(kind, timer.id(), timer.at(), "");
    }
  }
}
