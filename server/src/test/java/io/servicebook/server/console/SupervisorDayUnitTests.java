package io.servicebook.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The supervisor view's "today": the day of now in the zone the browser reported. */
class SupervisorDayUnitTests {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void todayRunsFromMidnightToMidnightInTheReportedZone() {
    SupervisorViewRepository.Day day =
        SupervisorViewRepository.Day.of(Instant.parse("2026-11-23T23:30:00Z"), BERLIN);

    assertThat(day.date()).isEqualTo(LocalDate.of(2026, 11, 24));
    assertThat(day.from()).isEqualTo(Instant.parse("2026-11-23T23:00:00Z"));
    assertThat(day.until()).isEqualTo(Instant.parse("2026-11-24T23:00:00Z"));
  }

  @Test
  void theDayTheClocksGoForwardHas23Hours() {
    SupervisorViewRepository.Day day =
        SupervisorViewRepository.Day.of(Instant.parse("2026-03-29T12:00:00Z"), BERLIN);

    assertThat(Duration.between(day.from(), day.until())).isEqualTo(Duration.ofHours(23));
  }

  @Test
  void anUnknownOrMissingZoneFallsBackToUtc() {
    assertThat(Times.zone("Europe/Berlin", Times.UTC_ZONE)).isEqualTo(BERLIN);
    assertThat(Times.zone("Mars/Olympus", Times.UTC_ZONE)).isEqualTo(Times.UTC_ZONE);
    assertThat(Times.zone(null, Times.UTC_ZONE)).isEqualTo(Times.UTC_ZONE);
    assertThat(Times.zone(" ", Times.UTC_ZONE)).isEqualTo(Times.UTC_ZONE);
  }
}
