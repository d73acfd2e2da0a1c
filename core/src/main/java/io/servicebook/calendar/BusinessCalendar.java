package io.servicebook.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * When a team is at work: a time zone, per weekday a list of local opening intervals, and holidays
 * (whole local days off). SLA targets on a calendar count only time inside its intervals.
 */
public record BusinessCalendar(
    String name,
    ZoneId zone,
    Map<DayOfWeek, List<Interval>> hours,
    SortedSet<LocalDate> holidays,
    String file) {

  /** A local opening interval [start, end) in minutes after midnight; end may be 1440 (24:00). */
  public record Interval(int startMinute, int endMinute) {
    public Interval {
      if (startMinute < 0 || endMinute > 1440 || startMinute >= endMinute) {
        throw new IllegalArgumentException(
            "an interval runs forward within one day: " + startMinute + "-" + endMinute);
      }
    }

    public int minutes() {
      return endMinute - startMinute;
    }

    @Override
    public String toString() {
      return hhmm(startMinute) + "-" + hhmm(endMinute);
    }

    private static String hhmm(int minute) {
      return String.format("%02d:%02d", minute / 60, minute % 60);
    }
  }

  public BusinessCalendar {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(zone, "zone");
    EnumMap<DayOfWeek, List<Interval>> copy = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      copy.put(day, List.copyOf(hours.getOrDefault(day, List.of())));
    }
    hours = java.util.Collections.unmodifiableMap(copy);
    holidays = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(holidays));
  }

  /** Every hour counts, in UTC: what SLA targets count on when a protocol names no calendar. */
  public static BusinessCalendar aroundTheClock() {
    Map<DayOfWeek, List<Interval>> hours = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      hours.put(day, List.of(new Interval(0, 1440)));
    }
    return new BusinessCalendar(
        "around-the-clock", java.time.ZoneOffset.UTC, hours, new TreeSet<>(), "");
  }

  /** Open around the clock every day, no holidays: on such a calendar a day is 24 hours. */
  public boolean isAlwaysOpen() {
    return holidays.isEmpty()
        && hours.values().stream()
            .allMatch(list -> list.size() == 1 && list.get(0).minutes() == 1440);
  }

  /** Business minutes in an ordinary (non-holiday) week. */
  public int weeklyMinutes() {
    return hours.values().stream().flatMap(List::stream).mapToInt(Interval::minutes).sum();
  }
}
