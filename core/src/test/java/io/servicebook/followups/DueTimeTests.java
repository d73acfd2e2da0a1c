package io.servicebook.followups;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.protocol.IsoDuration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DueTimeTests {

  private static IsoDuration iso(String text) {
    return IsoDuration.parse(text).orElseThrow();
  }

  @Test
  void daysAreWholeDaysOnTheUtcCalendar() {
    assertThat(DueTime.after(Instant.parse("2026-03-27T13:30:00Z"), iso("P3D")))
        .isEqualTo(Instant.parse("2026-03-30T13:30:00Z"));
  }

  @Test
  void aDayIs24HoursAlsoAcrossADaylightSavingChangeInEurope() {
    assertThat(DueTime.after(Instant.parse("2026-03-28T12:00:00Z"), iso("P1D")))
        .isEqualTo(Instant.parse("2026-03-29T12:00:00Z"));
  }

  @Test
  void aMonthFromTheEndOfJanuaryEndsOnTheLastDayOfFebruary() {
    assertThat(DueTime.after(Instant.parse("2026-01-31T08:00:00Z"), iso("P1M")))
        .isEqualTo(Instant.parse("2026-02-28T08:00:00Z"));
  }

  @Test
  void theCalendarPartComesBeforeTheClockPart() {
    assertThat(DueTime.after(Instant.parse("2026-01-31T23:00:00Z"), iso("P1MT2H")))
        .isEqualTo(Instant.parse("2026-03-01T01:00:00Z"));
  }

  @Test
  void secondsWorkAndTheStartIsCutToTheMillisecond() {
    assertThat(DueTime.after(Instant.parse("2026-03-27T13:30:00.123456789Z"), iso("PT1S")))
        .isEqualTo(Instant.parse("2026-03-27T13:30:01.123Z"));
  }
}
