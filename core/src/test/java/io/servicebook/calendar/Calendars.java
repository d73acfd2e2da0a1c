package io.servicebook.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Calendars for tests, written the way a calendar file writes them. */
final class Calendars {

  private Calendars() {}

  /** Mon–Fri 09:00-12:30 and 13:30-17:30 in Berlin, with the German holidays of 2026 and 2027. */
  static BusinessCalendar euBusiness() {
    return weekdays("Europe/Berlin", "09:00-12:30", "13:30-17:30")
        .withHolidays(
            "2026-01-01",
            "2026-04-03",
            "2026-04-06",
            "2026-05-01",
            "2026-05-14",
            "2026-05-25",
            "2026-10-03",
            "2026-12-25",
            "2026-12-26",
            "2027-01-01",
            "2027-03-26",
            "2027-03-29",
            "2027-05-01",
            "2027-05-06",
            "2027-05-17",
            "2027-10-03",
            "2027-12-25",
            "2027-12-26")
        .build();
  }

  static Builder weekdays(String zone, String... intervals) {
    return on(zone, EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), intervals);
  }

  static Builder everyDay(String zone, String... intervals) {
    return on(zone, EnumSet.allOf(DayOfWeek.class), intervals);
  }

  static Builder on(String zone, Set<DayOfWeek> days, String... intervals) {
    Map<DayOfWeek, List<BusinessCalendar.Interval>> hours = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : days) {
      hours.put(day, Arrays.stream(intervals).map(Calendars::interval).toList());
    }
    return new Builder(ZoneId.of(zone), hours, new TreeSet<>());
  }

  static BusinessCalendar.Interval interval(String text) {
    String[] bounds = text.split("-");
    return new BusinessCalendar.Interval(minute(bounds[0]), minute(bounds[1]));
  }

  private static int minute(String hhmm) {
    String[] parts = hhmm.split(":");
    return Integer.parseInt(parts[0]) * 60 + Integer.parseInt(parts[1]);
  }

  /** A calendar under construction. */
  record Builder(
      ZoneId zone,
      Map<DayOfWeek, List<BusinessCalendar.Interval>> hours,
      TreeSet<LocalDate> holidays) {
    Builder withHolidays(String... dates) {
      TreeSet<LocalDate> more = new TreeSet<>(holidays);
      Arrays.stream(dates).map(LocalDate::parse).forEach(more::add);
      return new Builder(zone, hours, more);
    }

    Builder and(DayOfWeek day, String... intervals) {
      Map<DayOfWeek, List<BusinessCalendar.Interval>> more = new EnumMap<>(DayOfWeek.class);
      more.putAll(hours);
      List<BusinessCalendar.Interval> list = new ArrayList<>(more.getOrDefault(day, List.of()));
      Arrays.stream(intervals).map(Calendars::interval).forEach(list::add);
      more.put(day, list);
      return new Builder(zone, more, holidays);
    }

    BusinessCalendar build() {
      return new BusinessCalendar("test", zone, hours, holidays, "test.yaml");
    }
  }
}
