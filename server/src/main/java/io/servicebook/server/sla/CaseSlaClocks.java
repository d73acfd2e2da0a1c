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
import java.util.ArrayList;
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
  public List<SlaClock> changed(StoredCase after, List<CaseEvent> events) {
    List<SlaEvent> changes = new ArrayList<>();
    boolean opened = false;
    for (CaseEvent event : events) {
      switch (event) {
        case CaseEvent.CaseOpened o -> {
          opened = true;
          changes.add(new SlaEvent.Opened(o.at(), CaseStatus.NEW, o.priority()));
        }
        case CaseEvent.CaseStatusChanged s ->
            changes.add(new SlaEvent.StatusChanged(s.at(), s.to()));
        case CaseEvent.CasePriorityChanged p ->
            changes.add(new SlaEvent.PriorityChanged(p.at(), p.to()));
        case CaseEvent.InteractionAdded i -> {}
        case CaseEvent.CaseAssigned a -> {}
      }
    }
    changes.forEach(change -> repository.addChange(after.kase().id(), change));
    if (opened) {
      // a new case: its changes are the ones just kept, and none of its timers can exist yet
      List<SlaClock> now = clocks.at(after, clock.instant(), changes);
      timers.scheduleNew(timersOf(after, now));
      return now;
    }
    List<SlaClock> now = clocks(after);
    String caseId = after.kase().id();
    for (SlaClock c : now) {
      for (Timers.Timer timer : timersOf(caseId, c)) {
        String firing =
            timer.kind().equals(SlaTimer.WARNING) ? SlaRepository.WARNING : SlaRepository.BREACH;
        if (!repository.hasFired(new SlaRepository.Firing(caseId, c.target(), c.cycle(), firing))) {
          timers.schedule(timer.kind(), timer.id(), timer.at(), "");
        }
      }
    }
    return now;
  }

  @Override
  public List<SlaClock> clocks(StoredCase stored) {
    return clocks.at(stored, clock.instant());
  }

  /**
   * A timer for every warning and breach still ahead of a running clock. Timers of earlier due
   * times stay: when they fire they find the clock not due and do nothing.
   */
  private static List<Timers.Timer> timersOf(StoredCase stored, List<SlaClock> clocks) {
    List<Timers.Timer> timers = new ArrayList<>();
    clocks.forEach(c -> timers.addAll(timersOf(stored.kase().id(), c)));
    return timers;
  }

  /** The warning and breach timers of a running clock, at the times it warns and falls due. */
  private static List<Timers.Timer> timersOf(String caseId, SlaClock c) {
    List<Timers.Timer> timers = new ArrayList<>();
    if (!c.isRunning()) {
      return timers;
    }
    if (c.state() == ClockState.RUNNING || c.state() == ClockState.PAUSED) {
      c.warnAt().ifPresent(at -> timers.add(timer(SlaTimer.WARNING, SlaTimer.of(caseId, c, at))));
    }
    c.dueAt().ifPresent(at -> timers.add(timer(SlaTimer.BREACH, SlaTimer.of(caseId, c, at))));
    return timers;
  }

  private static Timers.Timer timer(String kind, SlaTimer timer) {
    return new Timers.Timer(kind, timer.id(), timer.at(), "");
  }
}
