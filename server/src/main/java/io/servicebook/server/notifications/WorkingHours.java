package io.servicebook.server.notifications;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A user's working hours in their own time zone, and whether mail may reach them only within them.
 * Daily digests go out at the start of each working day.
 *
 * @param start when the working day starts, local time
 * @param end when it ends, local time, after {@code start}
 */
public record WorkingHours(
    ZoneId zone, LocalTime start, LocalTime end, Set<DayOfWeek> days, boolean hoursOnly) {

  /** Nine to five, Monday to Friday, UTC, mail at any time: what a user who set nothing has. */
  public static final WorkingHours DEFAULT =
      new WorkingHours(
          ZoneId.of("UTC"),
          LocalTime.of(9, 0),
          LocalTime.of(17, 0),
          EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
          false);

  public WorkingHours {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException(
          "Working hours end at " + end + ", not after they start at " + start + ".");
    }
  }

  /** Whether a mail may go out at {@code at}: always, unless the user asked for hours only. */
  public boolean mayMail(Instant at) {
    return !hoursOnly || working(at);
  }

  /** Whether {@code at} falls within a working day's hours. */
  public boolean working(Instant at) {
    ZonedDateTime local = at.atZone(zone);
    LocalTime time = local.toLocalTime();
    return days.contains(local.getDayOfWeek()) && !time.isBefore(start) && time.isBefore(end);
  }

  /** The first moment at or after {@code at} when a mail may go out. */
  public Instant nextMailable(Instant at) {
    return mayMail(at) ? at : nextStart(at);
  }

  /** The start of the next working day strictly after {@code at}: when the digest goes out. */
  public Instant nextStart(Instant at) {
    LocalDate day = at.atZone(zone).toLocalDate();
    for (int i = 0; i <= 7; i++) {
      LocalDate candidate = day.plusDays(i);
      Instant begins = candidate.atTime(start).atZone(zone).toInstant();
      if (days.contains(candidate.getDayOfWeek()) && begins.isAfter(at)) {
        return begins;
      }
    }
    // no working day at all: once a day at the start time
    Instant begins = day.atTime(start).atZone(zone).toInstant();
    return begins.isAfter(at) ? begins : day.plusDays(1).atTime(start).atZone(zone).toInstant();
  }
}
