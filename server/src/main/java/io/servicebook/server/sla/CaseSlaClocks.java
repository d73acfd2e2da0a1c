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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Keeps each case's SLA clocks and their timers current: after every change of a case its status
 * and priority changes are kept, each running clock has a warning and a breach timer at the times
 * it warns and falls due, and the timers of a clock that stopped (answered, resolved, closed) or
 * whose due time moved are removed, all in the same transaction as the change. So a resolved or
 * closed case keeps no SLA timer.
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
  public List<SlaClock> opened(StoredCase opened, List<CaseEvent> events) {
    List<SlaEvent> changes = keep(opened, events);
    // a new case: its changes are the ones just kept, and none of its timers can exist yet
    List<SlaClock> now = clocks.at(opened, clock.instant(), changes);
    List<Timers.Timer> wanted = new ArrayList<>();
    now.forEach(c -> wanted.addAll(wanted(opened.kase().id(), c)));
    timers.scheduleNew(wanted);
    return now;
  }

  @Override
  public List<SlaClock> changed(StoredCase before, StoredCase after, List<CaseEvent> events) {
    String caseId = after.kase().id();
    if (clocks.sla(before).isEmpty() && clocks.sla(after).isEmpty()) {
      keep(after, events);
      return List.of(); // no clocks before or after, so no timers either
    }
    Instant at = clock.instant();
    List<SlaEvent> kept = repository.changes(caseId);
    List<SlaEvent> all = new ArrayList<>(kept);
    all.addAll(keep(after, events));
    List<SlaClock> was = clocks.at(before, at, kept);
    List<SlaClock> now = clocks.at(after, at, all);
    Set<String> stay = new HashSet<>();
    now.forEach(c -> pending(caseId, c).forEach(t -> stay.add(t.kind() + ":" + t.id())));
    for (SlaClock c : was) {
      for (Timers.Timer timer : pending(caseId, c)) {
        if (!stay.contains(timer.kind() + ":" + timer.id())) {
          timers.cancel(timer.kind(), timer.id());
        }
      }
    }
    for (SlaClock c : now) {
      for (Timers.Timer timer : wanted(caseId, c)) {
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

  /** Keeps the changes among the events that the clocks count; answers them, oldest first. */
  private List<SlaEvent> keep(StoredCase after, List<CaseEvent> events) {
    List<SlaEvent> changes = new ArrayList<>();
    for (CaseEvent event : events) {
      switch (event) {
        case CaseEvent.CaseOpened o ->
            changes.add(new SlaEvent.Opened(o.at(), CaseStatus.NEW, o.priority()));
        case CaseEvent.CaseStatusChanged s ->
            changes.add(new SlaEvent.StatusChanged(s.at(), s.to()));
        case CaseEvent.CasePriorityChanged p ->
            changes.add(new SlaEvent.PriorityChanged(p.at(), p.to()));
        case CaseEvent.InteractionAdded i -> {}
        case CaseEvent.CaseAssigned a -> {}
      }
    }
    changes.forEach(change -> repository.addChange(after.kase().id(), change));
    return changes;
  }

  /**
   * The timers a running clock should have: a warning while it has not warned yet, and a breach.
   */
  private static List<Timers.Timer> wanted(String caseId, SlaClock c) {
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

  /**
   * The timers a running clock may still have pending: those at the times it warns and falls due,
   * also a warning that is due but may not have fired yet. A stopped clock has none.
   */
  private static List<Timers.Timer> pending(String caseId, SlaClock c) {
    List<Timers.Timer> timers = new ArrayList<>();
    if (!c.isRunning()) {
      return timers;
    }
    c.warnAt().ifPresent(at -> timers.add(timer(SlaTimer.WARNING, SlaTimer.of(caseId, c, at))));
    c.dueAt().ifPresent(at -> timers.add(timer(SlaTimer.BREACH, SlaTimer.of(caseId, c, at))));
    return timers;
  }

  private static Timers.Timer timer(String kind, SlaTimer timer) {
    return new Timers.Timer(kind, timer.id(), timer.at(), "");
  }
}
