package io.servicebook.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.diagnostics.Diagnostic;
import io.servicebook.testing.Packs;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CalendarReaderTests {

  @Test
  void readsHoursWithALunchBreakAndHolidays() {
    CalendarReader.Result result = CalendarReader.read("calendars/eu.yaml", Packs.EU_BUSINESS);

    assertThat(result.diagnostics()).isEmpty();
    BusinessCalendar calendar = result.calendar().orElseThrow();
    assertThat(calendar.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(calendar.hours().get(DayOfWeek.MONDAY))
        .containsExactly(
            new BusinessCalendar.Interval(540, 750), new BusinessCalendar.Interval(810, 1050));
    assertThat(calendar.hours().get(DayOfWeek.SUNDAY)).isEmpty();
    assertThat(calendar.holidays()).contains(LocalDate.of(2026, 12, 25));
    assertThat(calendar.weeklyMinutes()).isEqualTo(5 * 450);
    assertThat(calendar.isAlwaysOpen()).isFalse();
  }

  @Test
  void recognisesAnAlwaysOpenCalendar() {
    assertThat(
            CalendarReader.read("c.yaml", Packs.ALWAYS_OPEN)
                .calendar()
                .orElseThrow()
                .isAlwaysOpen())
        .isTrue();
  }

  @Test
  void reportsUnknownTimeZone() {
    Diagnostic d =
        CalendarReader.read("c.yaml", Packs.EU_BUSINESS.replace("Europe/Berlin", "Europe/Atlantis"))
            .diagnostics()
            .get(0);
    assertThat(d.line()).isEqualTo(2);
    assertThat(d.message()).contains("Europe/Atlantis");
  }

  @Test
  void reportsIntervalsOffTheQuarterHour() {
    Diagnostic d =
        CalendarReader.read("c.yaml", Packs.EU_BUSINESS.replaceFirst("09:00-12:30", "09:10-12:30"))
            .diagnostics()
            .get(0);
    assertThat(d.line()).isEqualTo(4);
    assertThat(d.message()).contains("15-minute");
  }

  @Test
  void reportsOverlappingIntervals() {
    Diagnostic d =
        CalendarReader.read("c.yaml", Packs.EU_BUSINESS.replaceFirst("13:30-17:30", "12:00-17:30"))
            .diagnostics()
            .get(0);
    assertThat(d.message()).contains("overlap");
  }

  @Test
  void reportsBadHolidayDate() {
    Diagnostic d =
        CalendarReader.read("c.yaml", Packs.EU_BUSINESS.replace("2026-12-26", "2026-13-26"))
            .diagnostics()
            .get(0);
    assertThat(d.line()).isEqualTo(11);
    assertThat(d.message()).contains("2026-13-26");
  }

  @Test
  void reportsMisspeltWeekday() {
    Diagnostic d =
        CalendarReader.read("c.yaml", Packs.EU_BUSINESS.replace("wednesday:", "wensday:"))
            .diagnostics()
            .get(0);
    assertThat(d.rule()).isEqualTo("unknown-key");
    assertThat(d.message()).contains("Did you mean `wednesday`?");
  }

  @Test
  void acceptsMidnightAsTheEndOfTheDay() {
    assertThat(CalendarReader.read("c.yaml", Packs.ALWAYS_OPEN).diagnostics()).isEmpty();
  }
}
