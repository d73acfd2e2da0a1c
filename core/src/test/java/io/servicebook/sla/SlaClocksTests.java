package io.servicebook.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.calendar.BusinessCalendar;
import io.servicebook.calendar.BusinessClock;
import io.servicebook.cases.CaseStatus;
import io.servicebook.diagnostics.Position;
import io.servicebook.protocol.Priority;
import io.servicebook.protocol.Sla;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SlaClocksTests {

  static final BusinessClock ALWAYS = BusinessClock.of(calendar(0, 1440, true));

  /** Monday to Friday, 09:00–17:00 UTC. */
  static final BusinessClock OFFICE = BusinessClock.of(calendar(9 * 60, 17 * 60, false));

  static BusinessCalendar calendar(int from, int to, boolean weekends) {
    Map<DayOfWeek, List<BusinessCalendar.Interval>> hours = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      boolean weekend = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
      hours.put(
          day, weekend && !weekends ? List.of() : List.of(new BusinessCalendar.Interval(from, to)));
    }
    return new BusinessCalendar("test", ZoneOffset.UTC, hours, new TreeSet<>(), "test.yaml");
  }

  static Sla sla(Duration first, Duration next, Duration resolution) {
    return new Sla(
        Optional.empty(),
        new Sla.Targets(
            Optional.ofNullable(first), Optional.ofNullable(next), Optional.ofNullable(resolution)),
        Map.of(
            Priority.URGENT,
            new Sla.Targets(
                Optional.of(Duration.ofMinutes(15)), Optional.empty(), Optional.empty())),
        Optional.empty(),
        0.75,
        List.of(),
        Position.START);
  }

  /** 2026-03-02 is a Monday. */
  static Instant at(String time) {
    return Instant.parse("2026-03-02T" + time + ":00Z");
  }

  static List<SlaEvent> opened(String time, SlaEvent... more) {
    List<SlaEvent> events = new ArrayList<>();
    events.add(new SlaEvent.Opened(at(time), CaseStatus.NEW, Priority.NORMAL));
    events.addAll(List.of(more));
    return events;
  }

  static SlaClock only(List<SlaClock> clocks, SlaTarget target) {
    return clocks.stream().filter(c -> c.target() == target).reduce((a, b) -> b).orElseThrow();
  }

  SlaClocks hourly =
      SlaClocks.of(
          sla(Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(8)),
          ALWAYS,
          SlaClocks.PauseRule.WAITING_ON_CUSTOMER);

  @Test
  void firstResponseInTimeIsMet() {
    SlaClock clock =
        only(
            hourly.at(opened("10:00", new SlaEvent.AgentReply(at("10:30"))), at("12:00")),
            SlaTarget.FIRST_RESPONSE);
    assertThat(clock.state()).isEqualTo(ClockState.MET);
    assertThat(clock.dueAt()).contains(at("11:00"));
    assertThat(clock.elapsed()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void firstResponseStillOpenAfterItsDueTimeIsBreached() {
    SlaClock clock = only(hourly.at(opened("10:00"), at("11:30")), SlaTarget.FIRST_RESPONSE);
    assertThat(clock.state()).isEqualTo(ClockState.BREACHED);
    assertThat(clock.isRunning()).isTrue();
  }

  @Test
  void aClockWarnsAfterItsWarningShare() {
    assertThat(only(hourly.at(opened("10:00"), at("10:44")), SlaTarget.FIRST_RESPONSE).state())
        .isEqualTo(ClockState.RUNNING);
    SlaClock warned = only(hourly.at(opened("10:00"), at("10:46")), SlaTarget.FIRST_RESPONSE);
    assertThat(warned.state()).isEqualTo(ClockState.WARNED);
    assertThat(warned.warnAt()).contains(at("10:45"));
  }

  @Test
  void waitingOnTheCustomerPausesTheClockAndMovesItsDueTime() {
    List<SlaEvent> events =
        opened(
            "10:00",
            new SlaEvent.StatusChanged(at("10:10"), CaseStatus.WAITING_ON_CUSTOMER),
            new SlaEvent.StatusChanged(at("10:40"), CaseStatus.OPEN));
    SlaClock during = only(hourly.at(events, at("10:20")), SlaTarget.FIRST_RESPONSE);
    assertThat(during.state()).isEqualTo(ClockState.PAUSED);
    assertThat(during.dueAt()).isEmpty();
    SlaClock after = only(hourly.at(events, at("10:50")), SlaTarget.FIRST_RESPONSE);
    assertThat(after.dueAt()).contains(at("11:30"));
    assertThat(after.elapsed()).isEqualTo(Duration.ofMinutes(20));
    assertThat(after.state()).isEqualTo(ClockState.RUNNING);
  }

  @Test
  void nextResponseStartsAtAnUnansweredCustomerMessageAndStopsAtTheReply() {
    List<SlaEvent> events =
        opened(
            "10:00",
            new SlaEvent.AgentReply(at("10:30")),
            new SlaEvent.CustomerMessage(at("11:00")),
            new SlaEvent.CustomerMessage(at("11:05")),
            new SlaEvent.AgentReply(at("11:20")),
            new SlaEvent.CustomerMessage(at("12:00")));
    List<SlaClock> next =
        hourly.at(events, at("12:30")).stream()
            .filter(c -> c.target() == SlaTarget.NEXT_RESPONSE)
            .toList();
    assertThat(next).hasSize(2);
    assertThat(next.get(0).startedAt()).isEqualTo(at("11:00"));
    assertThat(next.get(0).stoppedAt()).contains(at("11:20"));
    assertThat(next.get(0).state()).isEqualTo(ClockState.MET);
    assertThat(next.get(1).startedAt()).isEqualTo(at("12:00"));
    assertThat(next.get(1).dueAt()).contains(at("14:00"));
    assertThat(next.get(1).state()).isEqualTo(ClockState.RUNNING);
  }

  @Test
  void theFirstCustomerMessageBelongsToFirstResponseNotNextResponse() {
    List<SlaEvent> events =
        opened(
            "10:00",
            new SlaEvent.CustomerMessage(at("10:05")),
            new SlaEvent.AgentReply(at("10:30")));
    assertThat(hourly.at(events, at("11:00")))
        .noneMatch(c -> c.target() == SlaTarget.NEXT_RESPONSE);
  }

  @Test
  void aReopenStartsANewResolutionCycle() {
    List<SlaEvent> events =
        opened(
            "09:00",
            new SlaEvent.StatusChanged(at("09:30"), CaseStatus.OPEN),
            new SlaEvent.StatusChanged(at("12:00"), CaseStatus.RESOLVED),
            new SlaEvent.StatusChanged(at("13:00"), CaseStatus.OPEN));
    List<SlaClock> resolution =
        hourly.at(events, at("14:00")).stream()
            .filter(c -> c.target() == SlaTarget.RESOLUTION)
            .toList();
    assertThat(resolution).extracting(SlaClock::cycle).containsExactly(1, 2);
    assertThat(resolution.get(0).state()).isEqualTo(ClockState.MET);
    assertThat(resolution.get(1).startedAt()).isEqualTo(at("13:00"));
    assertThat(resolution.get(1).dueAt()).contains(at("21:00"));
  }

  @Test
  void aResolutionAfterItsDueTimeIsBreached() {
    List<SlaEvent> events =
        opened("09:00", new SlaEvent.StatusChanged(at("18:00"), CaseStatus.RESOLVED));
    assertThat(only(hourly.at(events, at("19:00")), SlaTarget.RESOLUTION).state())
        .isEqualTo(ClockState.BREACHED);
  }

  @Test
  void resolvingBeforeAnyReplyStopsTheFirstResponseClockMetInTime() {
    List<SlaEvent> events =
        opened("10:00", new SlaEvent.StatusChanged(at("10:20"), CaseStatus.RESOLVED));

    SlaClock first = only(hourly.at(events, at("15:00")), SlaTarget.FIRST_RESPONSE);

    assertThat(first.isRunning()).isFalse();
    assertThat(first.stoppedAt()).contains(at("10:20"));
    assertThat(first.state()).isEqualTo(ClockState.MET);
    assertThat(first.elapsed()).isEqualTo(Duration.ofMinutes(20));
    assertThat(hourly.at(events, at("15:00"))).noneMatch(SlaClock::isRunning);
  }

  @Test
  void resolvingAfterTheFirstResponseDueTimeStopsItBreached() {
    List<SlaEvent> events =
        opened("10:00", new SlaEvent.StatusChanged(at("11:30"), CaseStatus.RESOLVED));

    SlaClock first = only(hourly.at(events, at("15:00")), SlaTarget.FIRST_RESPONSE);

    assertThat(first.stoppedAt()).contains(at("11:30"));
    assertThat(first.state()).isEqualTo(ClockState.BREACHED);
  }

  @Test
  void closingAWaitingCaseStopsItsClocksToo() {
    List<SlaEvent> events =
        opened(
            "10:00",
            new SlaEvent.StatusChanged(at("10:10"), CaseStatus.WAITING_ON_CUSTOMER),
            new SlaEvent.StatusChanged(at("10:30"), CaseStatus.RESOLVED),
            new SlaEvent.StatusChanged(at("10:40"), CaseStatus.CLOSED));

    List<SlaClock> clocks = hourly.at(events, at("18:00"));

    assertThat(clocks).noneMatch(SlaClock::isRunning);
    assertThat(only(clocks, SlaTarget.FIRST_RESPONSE).stoppedAt()).contains(at("10:30"));
    assertThat(only(clocks, SlaTarget.FIRST_RESPONSE).elapsed()).isEqualTo(Duration.ofMinutes(10));
    assertThat(clocks).extracting(SlaClock::state).containsOnly(ClockState.MET);
  }

  @Test
  void resolvingStopsANextResponseNobodyAnswered() {
    List<SlaEvent> events =
        opened(
            "10:00",
            new SlaEvent.AgentReply(at("10:10")),
            new SlaEvent.CustomerMessage(at("10:30")),
            new SlaEvent.StatusChanged(at("11:00"), CaseStatus.RESOLVED));

    SlaClock next = only(hourly.at(events, at("15:00")), SlaTarget.NEXT_RESPONSE);

    assertThat(next.startedAt()).isEqualTo(at("10:30"));
    assertThat(next.stoppedAt()).contains(at("11:00"));
    assertThat(next.state()).isEqualTo(ClockState.MET);
  }

  @Test
  void aReopenAfterAResolutionWithoutReplyRunsResolutionAndNextResponseAgain() {
    // the customer writes again: the reopen comes first at that instant, then the message
    List<SlaEvent> events =
        opened(
            "10:00",
            new SlaEvent.StatusChanged(at("10:20"), CaseStatus.RESOLVED),
            new SlaEvent.StatusChanged(at("12:00"), CaseStatus.OPEN),
            new SlaEvent.CustomerMessage(at("12:00")));

    List<SlaClock> clocks = hourly.at(events, at("12:30"));

    SlaClock first = only(clocks, SlaTarget.FIRST_RESPONSE);
    assertThat(first.stoppedAt()).as("one first response per case").contains(at("10:20"));
    SlaClock resolution = only(clocks, SlaTarget.RESOLUTION);
    assertThat(resolution.cycle()).isEqualTo(2);
    assertThat(resolution.isRunning()).isTrue();
    assertThat(resolution.dueAt()).contains(at("20:00"));
    SlaClock next = only(clocks, SlaTarget.NEXT_RESPONSE);
    assertThat(next.startedAt()).isEqualTo(at("12:00"));
    assertThat(next.state()).isEqualTo(ClockState.RUNNING);
    assertThat(next.dueAt()).contains(at("14:00"));
  }

  @Test
  void aReplyOnAResolvedCaseChangesNoClock() {
    List<SlaEvent> events =
        opened(
            "10:00",
            new SlaEvent.StatusChanged(at("10:20"), CaseStatus.RESOLVED),
            new SlaEvent.AgentReply(at("10:40")));

    SlaClock first = only(hourly.at(events, at("15:00")), SlaTarget.FIRST_RESPONSE);

    assertThat(first.stoppedAt()).contains(at("10:20"));
    assertThat(hourly.at(events, at("15:00")))
        .noneMatch(c -> c.target() == SlaTarget.NEXT_RESPONSE);
  }

  @Test
  void businessHoursCarryATargetOverTheWeekend() {
    SlaClocks office =
        SlaClocks.of(
            sla(Duration.ofHours(2), null, null), OFFICE, SlaClocks.PauseRule.WAITING_ON_CUSTOMER);
    Instant friday = Instant.parse("2026-03-06T16:00:00Z");
    List<SlaEvent> events = List.of(new SlaEvent.Opened(friday, CaseStatus.NEW, Priority.NORMAL));
    SlaClock clock = only(office.at(events, friday.plusSeconds(60)), SlaTarget.FIRST_RESPONSE);
    assertThat(clock.dueAt()).contains(Instant.parse("2026-03-09T10:00:00Z"));
  }

  @Test
  void priorityPicksItsOwnTargets() {
    List<SlaEvent> events =
        opened("10:00", new SlaEvent.PriorityChanged(at("10:01"), Priority.URGENT));
    SlaClock clock = only(hourly.at(events, at("10:05")), SlaTarget.FIRST_RESPONSE);
    assertThat(clock.goal()).isEqualTo(Duration.ofMinutes(15));
    assertThat(clock.dueAt()).contains(at("10:15"));
  }

  @Test
  void eventsAfterNowAreIgnored() {
    List<SlaEvent> events = opened("10:00", new SlaEvent.AgentReply(at("10:30")));
    assertThat(only(hourly.at(events, at("10:20")), SlaTarget.FIRST_RESPONSE).isRunning()).isTrue();
  }

  @Test
  void noOpeningMeansNoClocks() {
    assertThat(hourly.at(List.of(new SlaEvent.AgentReply(at("10:00"))), at("11:00"))).isEmpty();
  }
}
