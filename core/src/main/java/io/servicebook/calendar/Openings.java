package io.servicebook.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The opening hours of a calendar as instants: disjoint [start, end) intervals in order, made date
 * by date. Local bounds resolve as {@link ZonedDateTime#of} resolves them (shifted forward in a
 * gap, the earlier offset in an overlap), so near a DST change the intervals of a date may overlap
 * each other or collapse to nothing; they are merged here, never counted twice.
 */
final class Openings {

  /**
   * No offset is more than 18 hours from UTC, so a local time resolves to an instant within 18
   * hours of the same wall-clock reading taken as UTC: the intervals of a date never start before
   * its midnight-as-UTC minus 18 hours. This lets the merge finish an interval without looking
   * further ahead than needed.
   */
  private static final long MAX_OFFSET_SECONDS = 18 * 3600;

  private final BusinessCalendar calendar;
  private final ZoneId zone;
  private final long fromSecond;
  private final int maxIdleDays;
  private final LocalDate lastDate;
  private final boolean open;

  /** Resolved intervals of the dates made so far, not yet handed out, ordered by start. */
  private final List<long[]> pending = new ArrayList<>();

  private LocalDate nextDate;
  private int idleDays;
  private long start;
  private long end;

  /**
   * The openings that end after {@code from}, made up to {@code lastDate}, giving up after {@code
   * maxIdleDays} dates in a row without an opening.
   */
  Openings(BusinessCalendar calendar, java.time.Instant from, LocalDate lastDate, int maxIdleDays) {
    this.calendar = calendar;
    this.zone = calendar.zone();
    this.fromSecond = from.getEpochSecond();
    this.lastDate = lastDate;
    this.maxIdleDays = maxIdleDays;
    this.open = calendar.weeklyMinutes() > 0;
    this.nextDate = LocalDate.ofInstant(from, zone).minusDays(2);
  }

  /** Moves to the next opening; false when there is none (within the limits). */
  boolean next() {
    while (true) {
      if (pending.isEmpty()) {
        if (!makeNextDate()) {
          return false;
        }
        continue;
      }
      long[] head = pending.get(0);
      while (pending.size() > 1 && pending.get(1)[0] < head[1]) {
        head[1] = Math.max(head[1], pending.remove(1)[1]);
      }
      // A later date may still resolve to an interval that starts before this one ends, or even
      // before it starts (a date skipped by a 24-hour gap lands on the next one): make dates until
      // none can, and look at the head again after each.
      if (earliestStart(nextDate) < head[1] && makeNextDate()) {
        continue;
      }
      pending.remove(0);
      if (head[1] > fromSecond) {
        start = head[0];
        end = head[1];
        return true;
      }
    }
  }

  /** Start of the current opening, in epoch seconds. */
  long start() {
    return start;
  }

  /** End of the current opening, in epoch seconds. */
  long end() {
    return end;
  }

  /**
   * Nothing before {@code instant} is of interest any more (e.g. a long pause covers it): drops the
   * dates whose openings end before it instead of making them.
   */
  void skipTo(java.time.Instant instant) {
    LocalDate date = LocalDate.ofInstant(instant, zone).minusDays(2);
    if (date.isAfter(nextDate)) {
      long second = instant.getEpochSecond();
      pending.removeIf(interval -> interval[1] <= second);
      nextDate = date.isAfter(lastDate) ? lastDate.plusDays(1) : date;
    }
  }

  private static long earliestStart(LocalDate date) {
    return date.toEpochDay() * 86_400 - MAX_OFFSET_SECONDS;
  }

  private boolean makeNextDate() {
    if (!open || nextDate.isAfter(lastDate) || idleDays > maxIdleDays) {
      return false;
    }
    LocalDate date = nextDate;
    nextDate = date.plusDays(1);
    boolean any = false;
    if (!calendar.holidays().contains(date)) {
      DayOfWeek day = date.getDayOfWeek();
      for (BusinessCalendar.Interval interval : calendar.hours().get(day)) {
        long s = resolve(date, interval.startMinute());
        long e = resolve(date, interval.endMinute());
        if (e > s) {
          insert(s, e);
          any = true;
        }
      }
    }
    idleDays = any ? 0 : idleDays + 1;
    return true;
  }

  private long resolve(LocalDate date, int minute) {
    LocalDateTime local =
        minute == 1440
            ? date.plusDays(1).atStartOfDay()
            : date.atTime(LocalTime.ofSecondOfDay(minute * 60L));
    return ZonedDateTime.of(local, zone).toEpochSecond();
  }

  private void insert(long s, long e) {
    int i = pending.size();
    while (i > 0 && pending.get(i - 1)[0] > s) {
      i--;
    }
    pending.add(i, new long[] {s, e});
  }
}
