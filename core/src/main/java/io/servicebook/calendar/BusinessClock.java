package io.servicebook.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Business-time arithmetic on a calendar: when a target falls due, how much business time lies
 * between two instants, whether the team is at work. Business time is real elapsed time inside the
 * calendar's openings and outside pauses, exact to the nanosecond.
 */
public final class BusinessClock {

  /** A deadline search gives up after ten years of dates in a row without an opening. */
  static final int HORIZON_DAYS = 3653;

  /** The last date an open-ended search makes (later dates do not fit a {@link LocalDate}). */
  private static final LocalDate LAST_DATE = LocalDate.MAX.minusDays(3);

  private final BusinessCalendar calendar;

  private BusinessClock(BusinessCalendar calendar) {
    this.calendar = Objects.requireNonNull(calendar, "calendar");
  }

  public static BusinessClock of(BusinessCalendar calendar) {
    return new BusinessClock(calendar);
  }

  /**
   * The first instant at which the business time since {@code start} reaches {@code target}; the
   * start itself for a zero target; empty if the calendar never opens (or not for ten years).
   */
  public Optional<Instant> deadline(Instant start, Duration target, List<Pause> pauses) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(pauses, "pauses");
    if (target.isNegative()) {
      throw new IllegalArgumentException("an SLA target is not negative, but got " + target);
    }
    if (target.isZero()) {
      return Optional.of(start);
    }
    BusinessStretches stretches =
        new BusinessStretches(calendar, start, pauses, LAST_DATE, HORIZON_DAYS);
    Duration remaining = target;
    while (stretches.next()) {
      Duration length = Duration.between(stretches.start(), stretches.end());
      if (length.compareTo(remaining) >= 0) {
        return Optional.of(stretches.start().plus(remaining));
      }
      remaining = remaining.minus(length);
    }
    return Optional.empty();
  }

  /** The business time in [from, to), outside the pauses. */
  public Duration businessTimeBetween(Instant from, Instant to, List<Pause> pauses) {
    Objects.requireNonNull(pauses, "pauses");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException(
          "business time is counted forward, but " + to + " is before " + from);
    }
    LocalDate lastDate = LocalDate.ofInstant(to, calendar.zone()).plusDays(2);
    BusinessStretches stretches =
        new BusinessStretches(calendar, from, pauses, lastDate, Integer.MAX_VALUE);
    Duration total = Duration.ZERO;
    while (stretches.next() && stretches.start().isBefore(to)) {
      Instant end = stretches.end().isAfter(to) ? to : stretches.end();
      total = total.plus(Duration.between(stretches.start(), end));
    }
    return total;
  }

  /** Whether {@code instant} lies inside an opening of the calendar (pauses aside). */
  public boolean isOpenAt(Instant instant) {
    LocalDate lastDate = LocalDate.ofInstant(instant, calendar.zone()).plusDays(2);
    Openings openings = new Openings(calendar, instant, lastDate, Integer.MAX_VALUE);
    while (openings.next()) {
      if (Instant.ofEpochSecond(openings.start()).isAfter(instant)) {
        return false;
      }
      if (Instant.ofEpochSecond(openings.end()).isAfter(instant)) {
        return true;
      }
    }
    return false;
  }
}
