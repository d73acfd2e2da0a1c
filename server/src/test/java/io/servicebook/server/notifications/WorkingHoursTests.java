package io.servicebook.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicebook.calendar.BusinessCalendar;
import io.servicebook.calendar.CalendarReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * When mail may reach a user, and when their held mails and digests go out, by their own hours or a
 * calendar.
 */
class WorkingHoursTests {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

  private static WorkingHours berlin(boolean hoursOnly) {
    return new WorkingHours(BERLIN, LocalTime.of(9, 0), LocalTime.of(17, 0), WEEKDAYS, hoursOnly);
  }

  @Test
  void withinHoursInTheirOwnZoneMailGoesAtOnce() {
    Instant mondayTenBerlin = Instant.parse("2026-12-07T09:00:00Z");

    assertThat(berlin(true).mayMail(mondayTenBerlin)).isTrue();
    assertThat(berlin(true).nextMailable(mondayTenBerlin)).isEqualTo(mondayTenBerlin);
  }

  @Test
  void afterHoursOnAFridayMailWaitsForMonday() {
    Instant fridayEvening = Instant.parse("2026-12-11T17:30:00Z");

    assertThat(berlin(true).mayMail(fridayEvening)).isFalse();
    assertThat(berlin(true).nextMailable(fridayEvening))
        .isEqualTo(Instant.parse("2026-12-14T08:00:00Z"));
    assertThat(berlin(false).mayMail(fridayEvening)).as("hours only when asked").isTrue();
  }

  @Test
  void theEndOfTheDayIsOutsideAndItsStartInside() {
    assertThat(berlin(true).working(Instant.parse("2026-12-07T16:00:00Z"))).isFalse();
    assertThat(berlin(true).working(Instant.parse("2026-12-07T08:00:00Z"))).isTrue();
  }

  @Test
  void theDigestGoesOutAtTheNextWorkingDaysStartAcrossTheClockChange() {
    Instant saturday = Instant.parse("2027-03-27T12:00:00Z");

    assertThat(berlin(false).nextStart(saturday))
        .as("Monday 09:00 in summer time is 07:00 UTC")
        .isEqualTo(Instant.parse("2027-03-29T07:00:00Z"));
    assertThat(berlin(false).nextStart(Instant.parse("2027-03-29T07:00:00Z")))
        .as("strictly after: the next day")
        .isEqualTo(Instant.parse("2027-03-30T07:00:00Z"));
  }

  @Test
  void onABusinessCalendarMailWaitsOutTheLunchBreakAndTheHolidays() throws Exception {
    String file = "../protocols/calendars/eu-business.yaml";
    BusinessCalendar eu =
        CalendarReader.read(file, Files.readString(Path.of(file))).calendar().orElseThrow();
    MailTimes times = new MailTimes(eu, true);

    assertThat(times.nextMailable(Instant.parse("2026-12-07T11:45:00Z")))
        .as("Monday 12:45 in Berlin, at lunch: mail at 13:30")
        .isEqualTo(Instant.parse("2026-12-07T12:30:00Z"));
    assertThat(times.nextMailable(Instant.parse("2026-12-24T17:00:00Z")))
        .as("Christmas Eve after hours: past Christmas, the second day and Sunday")
        .isEqualTo(Instant.parse("2026-12-28T08:00:00Z"));
    assertThat(times.nextStart(Instant.parse("2026-12-07T09:00:00Z")))
        .as("the digest goes out at a day's first opening, not after lunch")
        .isEqualTo(Instant.parse("2026-12-08T08:00:00Z"));
  }

  @Test
  void hoursThatEndBeforeTheyStartAreRefused() {
    assertThatThrownBy(
            () ->
                new WorkingHours(BERLIN, LocalTime.of(17, 0), LocalTime.of(9, 0), WEEKDAYS, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("end at 09:00");
  }
}
