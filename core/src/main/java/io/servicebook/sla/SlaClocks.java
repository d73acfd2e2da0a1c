package io.servicebook.sla;

import io.servicebook.calendar.BusinessClock;
import io.servicebook.calendar.Pause;
import io.servicebook.cases.CaseStatus;
import io.servicebook.protocol.Priority;
import io.servicebook.protocol.Sla;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Computes a case's SLA clocks from its history, JSM/Zendesk style: first response stops at the
 * first public agent reply; next response starts at each customer message nobody answered yet and
 * stops at the next agent reply; resolution stops at resolution, and a reopen starts a new cycle.
 * Resolving (or closing) a case stops every clock still running, as Jira Service Management's goals
 * stop when the request is resolved: a case resolved before anyone answered has its first response
 * stopped at the resolution, met if that came in time. Clocks count business time on the calendar
 * and stand still while the case is paused.
 */
public final class SlaClocks {

  /** Decides from the case's status and priority whether clocks stand still. */
  @FunctionalInterface
  public interface PauseRule {
    boolean paused(CaseStatus status, Priority priority);

    /** The default: paused while the case waits on the customer. */
    PauseRule WAITING_ON_CUSTOMER = (status, priority) -> status == CaseStatus.WAITING_ON_CUSTOMER;
  }

  /** A pause still going on: it ends at no known time. */
  static final Instant OPEN_END = Instant.parse("9999-01-01T00:00:00Z");

  private final Sla sla;
  private final BusinessClock clock;
  private final PauseRule pauseRule;

  private SlaClocks(Sla sla, BusinessClock clock, PauseRule pauseRule) {
    this.sla = sla;
    this.clock = clock;
    this.pauseRule = pauseRule;
  }

  public static SlaClocks of(Sla sla, BusinessClock clock, PauseRule pauseRule) {
    return new SlaClocks(sla, clock, pauseRule);
  }

  /** Every clock cycle of the case as it stands at {@code now}, events up to {@code now} only. */
  public List<SlaClock> at(List<SlaEvent> history, Instant now) {
    List<SlaEvent> events =
        history.stream()
            .filter(e -> !e.at().isAfter(now))
            .sorted(Comparator.comparing(SlaEvent::at))
            .toList();
    if (events.isEmpty() || !(events.get(0) instanceof SlaEvent.Opened opened)) {
      return List.of();
    }
    Timeline timeline = Timeline.of(opened, events, pauseRule);
    Sla.Targets targets = sla.targetsFor(timeline.priority());
    List<SlaClock> clocks = new ArrayList<>();
    targets
        .firstResponse()
        .ifPresent(
            goal ->
                clocks.addAll(
                    clocks(
                        SlaTarget.FIRST_RESPONSE, timeline.firstResponse(), goal, timeline, now)));
    targets
        .nextResponse()
        .ifPresent(
            goal ->
                clocks.addAll(
                    clocks(
                        SlaTarget.NEXT_RESPONSE, timeline.nextResponses(), goal, timeline, now)));
    targets
        .resolution()
        .ifPresent(
            goal ->
                clocks.addAll(
                    clocks(SlaTarget.RESOLUTION, timeline.resolutions(), goal, timeline, now)));
    return clocks;
  }

  private List<SlaClock> clocks(
      SlaTarget target, List<Cycle> cycles, Duration goal, Timeline timeline, Instant now) {
    List<SlaClock> result = new ArrayList<>();
    for (int i = 0; i < cycles.size(); i++) {
      result.add(clock(target, i + 1, cycles.get(i), goal, timeline, now));
    }
    return result;
  }

  private SlaClock clock(
      SlaTarget target, int number, Cycle cycle, Duration goal, Timeline timeline, Instant now) {
    List<Pause> pauses = timeline.pauses();
    Optional<Instant> due = deadline(cycle.start(), goal, timeline);
    Duration warnGoal = Duration.ofNanos(Math.round(goal.toNanos() * sla.warnAt()));
    Optional<Instant> warn = deadline(cycle.start(), warnGoal, timeline);
    Instant end = cycle.stop().orElse(now);
    Duration elapsed = clock.businessTimeBetween(cycle.start(), end, pauses);
    return new SlaClock(
        target,
        number,
        cycle.start(),
        cycle.stop(),
        goal,
        warn,
        due,
        elapsed,
        state(cycle, due, warn, timeline.pausedNow(), now));
  }

  /**
   * The deadline with the pauses known so far. While a pause is still going on, a deadline that
   * would fall after the pause began is unknown: nobody knows yet when the clock resumes.
   */
  private Optional<Instant> deadline(Instant start, Duration goal, Timeline timeline) {
    List<Pause> closed =
        timeline.pauses().stream().filter(p -> p.end().isBefore(OPEN_END)).toList();
    Optional<Pause> open =
        timeline.pauses().stream().filter(p -> !p.end().isBefore(OPEN_END)).findFirst();
    Optional<Instant> due = clock.deadline(start, goal, closed);
    if (open.isPresent() && due.isPresent() && due.get().isAfter(open.get().start())) {
      return Optional.empty();
    }
    return due;
  }

  private static ClockState state(
      Cycle cycle, Optional<Instant> due, Optional<Instant> warn, boolean paused, Instant now) {
    if (cycle.stop().isPresent()) {
      return due.isPresent() && cycle.stop().get().isAfter(due.get())
          ? ClockState.BREACHED
          : ClockState.MET;
    }
    if (due.isPresent() && !now.isBefore(due.get())) {
      return ClockState.BREACHED;
    }
    if (paused) {
      return ClockState.PAUSED;
    }
    return warn.isPresent() && !now.isBefore(warn.get()) ? ClockState.WARNED : ClockState.RUNNING;
  }

  /** One run of a target: from its start to its stop, if it stopped. */
  record Cycle(Instant start, Optional<Instant> stop) {}

  /** The case's history folded into cycles and pauses. */
  record Timeline(
      Priority priority,
      List<Pause> pauses,
      List<Cycle> firstResponse,
      List<Cycle> nextResponses,
      List<Cycle> resolutions,
      boolean pausedNow) {

    static Timeline of(SlaEvent.Opened opened, List<SlaEvent> events, PauseRule rule) {
      CaseStatus status = opened.status();
      Priority priority = opened.priority();
      List<Pause> pauses = new ArrayList<>();
      Instant pausedSince = rule.paused(status, priority) ? opened.at() : null;
      // the first reply, or the first resolution when that came first: first response stopped then
      Instant firstResponseStop = null;
      Instant waitingSince = null;
      List<Cycle> next = new ArrayList<>();
      List<Cycle> resolutions = new ArrayList<>();
      Instant resolutionStart = opened.at();
      for (SlaEvent event : events.subList(1, events.size())) {
        switch (event) {
          case SlaEvent.Opened again -> {}
          case SlaEvent.CustomerMessage message -> {
            // a message on a resolved case starts no clock: it either reopens the case (the reopen
            // comes first at that instant) or is left for after the case is resolved
            if (firstResponseStop != null && !isResolved(status) && waitingSince == null) {
              waitingSince = message.at();
            }
          }
          case SlaEvent.AgentReply reply -> {
            if (firstResponseStop == null) {
              firstResponseStop = reply.at();
            } else if (waitingSince != null) {
              next.add(new Cycle(waitingSince, Optional.of(reply.at())));
              waitingSince = null;
            }
          }
          case SlaEvent.StatusChanged change -> {
            boolean wasResolved = isResolved(status);
            boolean resolvedNow = isResolved(change.status());
            if (!wasResolved && resolvedNow) {
              // resolving stops every clock of the cycle
              if (resolutionStart != null) {
                resolutions.add(new Cycle(resolutionStart, Optional.of(change.at())));
                resolutionStart = null;
              }
              if (firstResponseStop == null) {
                firstResponseStop = change.at();
              }
              if (waitingSince != null) {
                next.add(new Cycle(waitingSince, Optional.of(change.at())));
                waitingSince = null;
              }
            } else if (wasResolved && !resolvedNow) {
              resolutionStart = change.at();
            }
            status = change.status();
          }
          case SlaEvent.PriorityChanged change -> priority = change.priority();
        }
        boolean pausedNow = rule.paused(status, priority);
        if (pausedNow && pausedSince == null) {
          pausedSince = event.at();
        } else if (!pausedNow && pausedSince != null) {
          if (event.at().isAfter(pausedSince)) {
            pauses.add(new Pause(pausedSince, event.at()));
          }
          pausedSince = null;
        }
      }
      if (pausedSince != null) {
        pauses.add(new Pause(pausedSince, OPEN_END));
      }
      if (waitingSince != null) {
        next.add(new Cycle(waitingSince, Optional.empty()));
      }
      if (resolutionStart != null) {
        resolutions.add(new Cycle(resolutionStart, Optional.empty()));
      }
      List<Cycle> first = List.of(new Cycle(opened.at(), Optional.ofNullable(firstResponseStop)));
      return new Timeline(priority, pauses, first, next, resolutions, pausedSince != null);
    }

    private static boolean isResolved(CaseStatus status) {
      return status == CaseStatus.RESOLVED || status == CaseStatus.CLOSED;
    }
  }
}
