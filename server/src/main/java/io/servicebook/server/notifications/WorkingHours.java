package io.servicebook.server.notifications;

import io.servicebook.calendar.BusinessCalendar;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A user's working hours in their own time zone, and whether mail may reach them only within them.
 * Daily digests go out at the start of each working day. A user may take a business calendar's
 * hours instead ({@link Preferences}).
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
    return times().mayMail(at);
  }

  /** Whether {@code at} falls within a working day's hours. */
  public boolean working(Instant at) {
    return times().open(at);
  }

  /** The first moment at or after {@code at} when a mail may go out. */
  public Instant nextMailable(Instant at) {
    return times().nextMailable(at);
  }

  /** The start of the next working day strictly after {@code at}: when the digest goes out. */
  public Instant nextStart(Instant at) {
    return times().nextStart(at);
  }

  /** These hours as a calendar of their own: one interval on each working day, no holidays. */
  BusinessCalendar calendar() {
    Map<DayOfWeek, List<BusinessCalendar.Interval>> hours = new EnumMap<>(DayOfWeek.class);
    BusinessCalendar.Interval interval =
        new BusinessCalendar.Interval(start.toSecondOfDay() / 60, end.toSecondOfDay() / 60);
    days.forEach(d -> hours.put(d, List.of(interval)));
    return new BusinessCalendar("working-hours", zone, hours, new TreeSet<>(), "");
  }

  MailTimes times() {
    return new MailTimes(calendar(), hoursOnly);
  }
}
