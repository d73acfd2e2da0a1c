package io.servicebook.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Deadlines and business time worked out by hand, on ordinary days and around DST changes. */
class BusinessClockTests {

  static final BusinessClock EU = BusinessClock.of(Calendars.euBusiness());

  static Instant berlin(String local) {
    return LocalDateTime.parse(local).atZone(ZoneId.of("Europe/Berlin")).toInstant();
  }

  static Instant utc(String text) {
    return Instant.parse(text);
  }

  static Pause pause(Instant start, Instant end) {
    return new Pause(start, end);
  }

  static Instant deadline(BusinessClock clock, Instant start, String target, Pause... pauses) {
    return clock.deadline(start, Duration.parse(target), List.of(pauses)).orElseThrow();
  }

  @Nested
  class OrdinaryDays {

    @Test
    void skipsTheLunchBreak() {
      // Monday 2026-03-23, CET: 3h30 before lunch, the last 30 minutes after it.
      assertThat(deadline(EU, berlin("2026-03-23T09:00"), "PT4H"))
          .isEqualTo(berlin("2026-03-23T14:00"))
          .isEqualTo(utc("2026-03-23T13:00:00Z"));
    }

    @Test
    void skipsTheWeekend() {
      assertThat(deadline(EU, berlin("2026-03-20T16:30"), "PT2H"))
          .isEqualTo(utc("2026-03-23T09:00:00Z"));
    }

    @Test
    void skipsHolidays() {
      // Maundy Thursday 17:00 CEST; Good Friday and Easter Monday are off.
      assertThat(deadline(EU, berlin("2026-04-02T17:00"), "PT1H"))
          .isEqualTo(utc("2026-04-07T07:30:00Z"));
    }

    @Test
    void startsCountingAtTheNextOpening() {
      assertThat(deadline(EU, berlin("2026-03-24T07:00"), "PT1H"))
          .isEqualTo(berlin("2026-03-24T10:00"));
      assertThat(deadline(EU, berlin("2026-03-24T12:45"), "PT15M"))
          .isEqualTo(berlin("2026-03-24T13:45"));
      assertThat(deadline(EU, berlin("2026-03-21T11:00"), "PT15M"))
          .isEqualTo(berlin("2026-03-23T09:15"));
    }

    @Test
    void aTargetThatEndsWithAnOpeningIsDueAtItsEndNotAtTheNextOpening() {
      assertThat(deadline(EU, berlin("2026-03-23T09:00"), "PT3H30M"))
          .isEqualTo(berlin("2026-03-23T12:30"));
      assertThat(deadline(EU, berlin("2026-03-23T09:00"), "PT7H30M"))
          .isEqualTo(utc("2026-03-23T16:30:00Z"));
      assertThat(deadline(EU, berlin("2026-03-20T09:00"), "PT15H"))
          .isEqualTo(berlin("2026-03-23T17:30"));
    }

    @Test
    void countsToTheNanosecond() {
      assertThat(deadline(EU, berlin("2026-03-23T09:00").plusNanos(1), "PT3H30M"))
          .isEqualTo(berlin("2026-03-23T13:30").plusNanos(1));
      assertThat(deadline(EU, berlin("2026-03-23T09:00"), "PT0.000000001S"))
          .isEqualTo(berlin("2026-03-23T09:00").plusNanos(1));
    }

    @Test
    void aZeroTargetIsDueAtTheStartEvenWhenClosed() {
      Instant saturday = berlin("2026-03-21T11:00:07.5");
      assertThat(deadline(EU, saturday, "PT0S")).isEqualTo(saturday);
    }

    @Test
    void aTwoHundredHourTargetCrossesWeeksAndHolidays() {
      // 200h = 26 days of 7h30 + 5h: from Mon 2026-04-20 09:00 over May Day (Fri), Ascension
      // (Thu 14 May) and Whit Monday (25 May): 26 full days, then 5 hours of Friday 29 May.
      assertThat(deadline(EU, berlin("2026-04-20T09:00"), "PT200H"))
          .isEqualTo(berlin("2026-05-29T15:00"));
    }

    @Test
    void anAlwaysOpenCalendarCountsRealTimeAcrossDstChanges() {
      BusinessClock always =
          BusinessClock.of(Calendars.everyDay("Europe/Berlin", "00:00-24:00").build());
      assertThat(deadline(always, utc("2026-03-28T12:00:00Z"), "PT24H"))
          .isEqualTo(utc("2026-03-29T12:00:00Z"));
      assertThat(deadline(always, utc("2026-10-24T12:00:00Z"), "PT50H"))
          .isEqualTo(utc("2026-10-26T14:00:00Z"));
      assertThat(
              always.businessTimeBetween(
                  berlin("2026-03-29T00:00"), berlin("2026-03-30T00:00"), List.of()))
          .isEqualTo(Duration.ofHours(23));
    }

    @Test
    void aCalendarWithoutHoursHasNoDeadline() {
      BusinessClock never =
          BusinessClock.of(Calendars.on("UTC", EnumSet.noneOf(DayOfWeek.class)).build());
      assertThat(never.deadline(utc("2026-01-01T00:00:00Z"), Duration.ofMinutes(1), List.of()))
          .isEmpty();
      assertThat(
              never.businessTimeBetween(
                  utc("2026-01-01T00:00:00Z"), utc("2027-01-01T00:00:00Z"), List.of()))
          .isZero();
    }

    @Test
    void aSearchGivesUpAfterTenYearsWithoutAnOpening() {
      BusinessClock closedForEleven =
          BusinessClock.of(
              Calendars.everyDay("UTC", "09:00-10:00")
                  .withHolidays(datesFrom("2026-01-01", "2037-01-01"))
                  .build());
      assertThat(
              closedForEleven.deadline(
                  utc("2026-01-01T00:00:00Z"), Duration.ofMinutes(1), List.of()))
          .isEmpty();
      assertThat(
              closedForEleven.deadline(
                  utc("2036-12-01T00:00:00Z"), Duration.ofMinutes(1), List.of()))
          .contains(utc("2037-01-01T09:01:00Z"));
      assertThat(
              closedForEleven.businessTimeBetween(
                  utc("2026-01-01T00:00:00Z"), utc("2037-01-02T00:00:00Z"), List.of()))
          .isEqualTo(Duration.ofHours(1));
    }

    private static String[] datesFrom(String from, String until) {
      return java.time.LocalDate.parse(from)
          .datesUntil(java.time.LocalDate.parse(until))
          .map(Object::toString)
          .toArray(String[]::new);
    }

    @Test
    void countsBusinessTimeBetweenTwoInstants() {
      assertThat(
              EU.businessTimeBetween(
                  berlin("2026-03-23T08:00"), berlin("2026-03-23T18:00"), List.of()))
          .isEqualTo(Duration.ofMinutes(450));
      assertThat(
              EU.businessTimeBetween(
                  berlin("2026-03-23T00:00"), berlin("2026-03-30T00:00"), List.of()))
          .isEqualTo(Duration.ofMinutes(5 * 450));
      assertThat(
              EU.businessTimeBetween(
                  berlin("2026-03-23T12:00"), berlin("2026-03-23T14:00"), List.of()))
          .isEqualTo(Duration.ofMinutes(60));
      assertThat(
              EU.businessTimeBetween(
                  berlin("2026-03-23T12:00"), berlin("2026-03-23T12:00"), List.of()))
          .isZero();
    }

    @Test
    void refusesABackwardRangeANegativeTargetAndABackwardPause() {
      Instant t = berlin("2026-03-23T12:00");
      assertThatThrownBy(() -> EU.businessTimeBetween(t, t.minusNanos(1), List.of()))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> EU.deadline(t, Duration.ofMinutes(-1), List.of()))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new Pause(t, t)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isOpenInsideAnOpeningOnly() {
      assertThat(EU.isOpenAt(berlin("2026-03-23T09:00"))).isTrue();
      assertThat(EU.isOpenAt(berlin("2026-03-23T12:30").minusNanos(1))).isTrue();
      assertThat(EU.isOpenAt(berlin("2026-03-23T12:30"))).isFalse();
      assertThat(EU.isOpenAt(berlin("2026-03-23T08:59:59"))).isFalse();
      assertThat(EU.isOpenAt(berlin("2026-03-21T10:00"))).isFalse();
      assertThat(EU.isOpenAt(berlin("2026-04-03T10:00"))).isFalse();
    }
  }

  @Nested
  class Pauses {

    final Instant monday9 = berlin("2026-03-23T09:00");

    @Test
    void aPauseInsideOpeningHoursStopsTheClock() {
      assertThat(
              deadline(
                  EU,
                  monday9,
                  "PT1H",
                  pause(berlin("2026-03-23T09:15"), berlin("2026-03-23T09:45"))))
          .isEqualTo(berlin("2026-03-23T10:30"));
    }

    @Test
    void aPauseMaySpanDays() {
      assertThat(
              deadline(
                  EU,
                  berlin("2026-03-23T17:00"),
                  "PT1H",
                  pause(berlin("2026-03-23T17:15"), berlin("2026-03-24T10:00"))))
          .isEqualTo(berlin("2026-03-24T10:45"));
    }

    @Test
    void overlappingPausesCountOnce() {
      assertThat(
              deadline(
                  EU,
                  monday9,
                  "PT1H",
                  pause(berlin("2026-03-23T09:20"), berlin("2026-03-23T09:40")),
                  pause(berlin("2026-03-23T09:10"), berlin("2026-03-23T09:30")),
                  pause(berlin("2026-03-23T09:25"), berlin("2026-03-23T09:35"))))
          .isEqualTo(berlin("2026-03-23T10:30"));
    }

    @Test
    void aPauseThatBeganBeforeTheStartStillHolds() {
      assertThat(
              deadline(
                  EU,
                  monday9,
                  "PT1H",
                  pause(berlin("2026-03-23T08:00"), berlin("2026-03-23T09:30"))))
          .isEqualTo(berlin("2026-03-23T10:30"));
    }

    @Test
    void pausesOutsideOpeningHoursChangeNothing() {
      assertThat(
              deadline(
                  EU,
                  monday9,
                  "PT4H",
                  pause(berlin("2026-03-23T12:30"), berlin("2026-03-23T13:30")),
                  pause(berlin("2026-03-21T00:00"), berlin("2026-03-22T00:00"))))
          .isEqualTo(berlin("2026-03-23T14:00"));
    }

    @Test
    void aPauseEndingAtTheDeadlineCandidatePushesItOn() {
      assertThat(
              deadline(
                  EU,
                  monday9,
                  "PT3H30M",
                  pause(berlin("2026-03-23T12:00"), berlin("2026-03-23T14:00"))))
          .isEqualTo(berlin("2026-03-23T14:30"));
    }

    @Test
    void aPauseOfYearsIsSkippedNotWalked() {
      Instant start = berlin("2026-03-23T09:00");
      assertThat(deadline(EU, start, "PT1H", pause(start, start.plus(Duration.ofDays(365L * 40)))))
          .isAfter(start.plus(Duration.ofDays(365L * 40)));
    }

    @Test
    void businessTimeBetweenLeavesPausesOut() {
      assertThat(
              EU.businessTimeBetween(
                  berlin("2026-03-23T00:00"),
                  berlin("2026-03-24T00:00"),
                  List.of(
                      pause(berlin("2026-03-22T00:00"), berlin("2026-03-23T10:00")),
                      pause(berlin("2026-03-23T17:00"), berlin("2026-03-25T00:00")))))
          .isEqualTo(Duration.ofMinutes(450 - 60 - 30));
    }
  }

  @Nested
  class DaylightSavingTime {

    static BusinessClock every(String zone, String... intervals) {
      return BusinessClock.of(Calendars.everyDay(zone, intervals).build());
    }

    static Duration onDay(BusinessClock clock, String zone, String date) {
      ZoneId z = ZoneId.of(zone);
      java.time.LocalDate d = java.time.LocalDate.parse(date);
      return clock.businessTimeBetween(
          d.atStartOfDay(z).toInstant(), d.plusDays(1).atStartOfDay(z).toInstant(), List.of());
    }

    @Test
    void berlinSpringForwardShortensAnIntervalAcrossTheGap() {
      BusinessClock clock = every("Europe/Berlin", "01:00-04:00");
      // 01:00 CET = 00:00Z, 04:00 CEST = 02:00Z.
      assertThat(deadline(clock, utc("2026-03-29T00:00:00Z"), "PT2H"))
          .isEqualTo(utc("2026-03-29T02:00:00Z"));
      assertThat(onDay(clock, "Europe/Berlin", "2026-03-29")).isEqualTo(Duration.ofHours(2));
      assertThat(clock.isOpenAt(utc("2026-03-29T01:59:59Z"))).isTrue();
      assertThat(clock.isOpenAt(utc("2026-03-29T02:00:00Z"))).isFalse();
    }

    @Test
    void berlinSpringForwardAnIntervalInsideTheGapCountsNothing() {
      BusinessClock clock = every("Europe/Berlin", "02:30-03:30");
      // 02:30 shifts to 03:30 CEST: both bounds are 01:30Z. Saturday (CET) gives 30 minutes from
      // 02:00Z, Monday (CEST, 00:30Z) the other 30.
      assertThat(onDay(clock, "Europe/Berlin", "2026-03-29")).isZero();
      assertThat(deadline(clock, utc("2026-03-28T02:00:00Z"), "PT1H"))
          .isEqualTo(utc("2026-03-30T01:00:00Z"));
    }

    @Test
    void berlinSpringForwardIntervalsThatResolveOntoEachOtherCountOnce() {
      BusinessClock clock = every("Europe/Berlin", "02:00-02:45", "03:00-04:00");
      // [01:00Z, 01:45Z) and [01:00Z, 02:00Z): one hour, not one hour 45.
      assertThat(onDay(clock, "Europe/Berlin", "2026-03-29")).isEqualTo(Duration.ofHours(1));
      assertThat(deadline(clock, utc("2026-03-29T00:00:00Z"), "PT1H"))
          .isEqualTo(utc("2026-03-29T02:00:00Z"));
    }

    @Test
    void berlinFallBackLengthensAnIntervalAcrossTheOverlap() {
      BusinessClock clock = every("Europe/Berlin", "01:00-04:00");
      // 01:00 CEST = 23:00Z the day before, 04:00 CET = 03:00Z.
      assertThat(onDay(clock, "Europe/Berlin", "2026-10-25")).isEqualTo(Duration.ofHours(4));
      assertThat(deadline(clock, utc("2026-10-24T20:00:00Z"), "PT4H"))
          .isEqualTo(utc("2026-10-25T03:00:00Z"));
      // 02:30 takes the earlier offset (CEST, 00:30Z), 03:30 is CET (02:30Z).
      assertThat(onDay(every("Europe/Berlin", "02:30-03:30"), "Europe/Berlin", "2026-10-25"))
          .isEqualTo(Duration.ofHours(2));
    }

    @Test
    void newYork() {
      BusinessClock clock = every("America/New_York", "01:00-04:00");
      assertThat(onDay(clock, "America/New_York", "2026-03-08")).isEqualTo(Duration.ofHours(2));
      assertThat(onDay(clock, "America/New_York", "2026-11-01")).isEqualTo(Duration.ofHours(4));
      assertThat(deadline(clock, utc("2026-11-01T00:00:00Z"), "PT3H30M"))
          .isEqualTo(utc("2026-11-01T08:30:00Z"));
      BusinessClock overlap = every("America/New_York", "01:30-02:30");
      // 01:30 EDT = 05:30Z, 02:30 EST = 07:30Z.
      assertThat(deadline(overlap, utc("2026-11-01T00:00:00Z"), "PT2H"))
          .isEqualTo(utc("2026-11-01T07:30:00Z"));
    }

    @Test
    void lordHoweShiftsByThirtyMinutes() {
      BusinessClock clock = every("Australia/Lord_Howe", "01:00-03:00");
      // 5 April 2026: 01:00 +11:00 = 14:00Z, 03:00 +10:30 = 16:30Z.
      assertThat(onDay(clock, "Australia/Lord_Howe", "2026-04-05"))
          .isEqualTo(Duration.ofMinutes(150));
      assertThat(deadline(clock, utc("2026-04-04T12:00:00Z"), "PT2H30M"))
          .isEqualTo(utc("2026-04-04T16:30:00Z"));
      // 4 October 2026: 01:00 +10:30 = 14:30Z, 03:00 +11:00 = 16:00Z.
      assertThat(onDay(clock, "Australia/Lord_Howe", "2026-10-04"))
          .isEqualTo(Duration.ofMinutes(90));
      assertThat(
              onDay(
                  every("Australia/Lord_Howe", "02:00-02:30"), "Australia/Lord_Howe", "2026-10-04"))
          .isZero();
    }

    @Test
    void havanaChangesAtMidnightSoAMidnightStartFallsInTheGap() {
      BusinessCalendar calendar =
          Calendars.on("America/Havana", EnumSet.of(DayOfWeek.SATURDAY), "22:00-24:00")
              .and(DayOfWeek.SUNDAY, "00:00-02:00")
              .build();
      BusinessClock clock = BusinessClock.of(calendar);
      // Saturday 7 March 2026: 22:00 CST = 03:00Z; 24:00 is Sunday 00:00, in the gap: 01:00 CDT
      // = 05:00Z. Sunday 00:00 shifts the same way; 02:00 CDT = 06:00Z.
      assertThat(
              clock.businessTimeBetween(
                  utc("2026-03-07T00:00:00Z"), utc("2026-03-09T00:00:00Z"), List.of()))
          .isEqualTo(Duration.ofHours(3));
      assertThat(deadline(clock, utc("2026-03-07T00:00:00Z"), "PT2H30M"))
          .isEqualTo(utc("2026-03-08T05:30:00Z"));
      assertThat(clock.isOpenAt(utc("2026-03-08T05:00:00Z"))).isTrue();
      // Saturday 31 October: 22:00 CDT = 02:00Z; 24:00 is Sunday 00:00, the earlier offset: 04:00Z.
      // Sunday 00:00 likewise 04:00Z; 02:00 CST = 07:00Z.
      assertThat(
              clock.businessTimeBetween(
                  utc("2026-10-31T00:00:00Z"), utc("2026-11-02T00:00:00Z"), List.of()))
          .isEqualTo(Duration.ofHours(5));
      assertThat(deadline(clock, utc("2026-10-31T00:00:00Z"), "PT2H"))
          .isEqualTo(utc("2026-11-01T04:00:00Z"));
    }

    @Test
    void saoPauloMidnightGap() {
      BusinessClock clock = every("America/Sao_Paulo", "00:00-02:00");
      // 4 November 2018: 00:00 shifts to 01:00 -02:00 = 03:00Z; 02:00 -02:00 = 04:00Z.
      assertThat(onDay(clock, "America/Sao_Paulo", "2018-11-04")).isEqualTo(Duration.ofHours(1));
      assertThat(deadline(clock, utc("2018-11-04T00:00:00Z"), "PT1H"))
          .isEqualTo(utc("2018-11-04T04:00:00Z"));
    }

    @Test
    void aDayThatEndsAtMidnightRunsIntoTheNextDay() {
      BusinessClock clock =
          BusinessClock.of(
              Calendars.on("Europe/Berlin", EnumSet.of(DayOfWeek.SATURDAY), "22:00-24:00")
                  .and(DayOfWeek.SUNDAY, "00:00-01:00")
                  .build());
      // Saturday 28 March 22:00 CET = 21:00Z through Sunday 01:00 CET = 00:00Z: three hours
      // without a break at midnight.
      assertThat(deadline(clock, utc("2026-03-28T12:00:00Z"), "PT3H"))
          .isEqualTo(utc("2026-03-29T00:00:00Z"));
      assertThat(clock.isOpenAt(utc("2026-03-28T23:00:00Z"))).isTrue();
    }
  }

  @Test
  void hoursOfADaySkippedByA24HourGapMergeWithTheNextDaysEarlierHours() {
    // Samoa skipped Friday 2011-12-30: its 02:00-04:45 resolves onto Saturday 02:00-04:45 (+14),
    // inside Saturday's own 00:45-23:00, which must still count from 00:45.
    BusinessCalendar calendar =
        new BusinessCalendar(
            "apia",
            ZoneId.of("Pacific/Apia"),
            Map.of(
                DayOfWeek.FRIDAY, List.of(Calendars.interval("02:00-04:45")),
                DayOfWeek.SATURDAY, List.of(Calendars.interval("00:45-23:00"))),
            new java.util.TreeSet<>(),
            "apia.yaml");
    BusinessClock clock = BusinessClock.of(calendar);
    assertThat(
            clock.businessTimeBetween(
                utc("2011-12-30T00:00:00Z"), utc("2011-12-31T12:00:00Z"), List.of()))
        .isEqualTo(Duration.ofHours(22).plusMinutes(15));
    assertThat(clock.deadline(utc("2011-12-30T00:00:00Z"), Duration.ofMinutes(30), List.of()))
        .contains(utc("2011-12-30T11:15:00Z"));
  }

  @Test
  void theHoursOfADayMayBeGivenInAnyOrderAndOverlap() {
    BusinessCalendar calendar =
        new BusinessCalendar(
            "messy",
            ZoneId.of("UTC"),
            Map.of(
                DayOfWeek.MONDAY,
                List.of(
                    Calendars.interval("13:00-15:00"),
                    Calendars.interval("09:00-12:00"),
                    Calendars.interval("11:00-14:00"))),
            new java.util.TreeSet<>(),
            "messy.yaml");
    BusinessClock clock = BusinessClock.of(calendar);
    assertThat(
            clock.businessTimeBetween(
                utc("2026-03-23T00:00:00Z"), utc("2026-03-24T00:00:00Z"), List.of()))
        .isEqualTo(Duration.ofHours(6));
    assertThat(deadline(clock, utc("2026-03-23T00:00:00Z"), "PT6H"))
        .isEqualTo(utc("2026-03-23T15:00:00Z"));
  }
}
