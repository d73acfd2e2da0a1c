package io.servicebook.server.notifications;

import io.servicebook.calendar.BusinessCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;

/**
 * When mail may reach a user, on a business calendar: their own working hours or one of the pack's
 * calendars (its zone, its opening intervals, its holidays).
 */
final class MailTimes {

  /** How far ahead to look for an opening; a calendar closed for longer mails once a day. */
  private static final int DAYS_AHEAD = 400;

  private final BusinessCalendar calendar;
  private final boolean hoursOnly;

  MailTimes(BusinessCalendar calendar, boolean hoursOnly) {
    this.calendar = calendar;
    this.hoursOnly = hoursOnly;
  }

  /** Whether a mail may go out at {@code at}: always, unless the user asked for hours only. */
  boolean mayMail(Instant at) {
    return !hoursOnly || open(at);
  }

  /** Whether the calendar is open at {@code at}. */
  boolean open(Instant at) {
    ZonedDateTime local = at.atZone(calendar.zone());
    if (calendar.holidays().contains(local.toLocalDate())) {
      return false;
    }
    int minute = local.getHour() * 60 + local.getMinute();
    return intervals(local.toLocalDate()).stream()
        .anyMatch(i -> minute >= i.startMinute() && minute < i.endMinute());
  }

  /** The first moment at or after {@code at} when a mail may go out. */
  Instant nextMailable(Instant at) {
    if (mayMail(at)) {
      return at;
    }
    return first(at, false);
  }

  /** The start of the next working day strictly after {@code at}: when the digest goes out. */
  Instant nextStart(Instant at) {
    return first(at, true);
  }

  /** The first opening after {@code at}; with {@code dayStartsOnly}, only a day's first one. */
  private Instant first(Instant at, boolean dayStartsOnly) {
    LocalDate day = at.atZone(calendar.zone()).toLocalDate();
    for (int i = 0; i <= DAYS_AHEAD; i++) {
      LocalDate candidate = day.plusDays(i);
      if (calendar.holidays().contains(candidate)) {
        continue;
      }
      List<BusinessCalendar.Interval> intervals = intervals(candidate);
      for (BusinessCalendar.Interval interval :
          dayStartsOnly ? intervals.stream().limit(1).toList() : intervals) {
        Instant opens = startOf(candidate, interval);
        if (opens.isAfter(at)) {
          return opens;
        }
      }
    }
    return at.plusSeconds(24 * 3600);
  }

  private List<BusinessCalendar.Interval> intervals(LocalDate day) {
    return calendar.hours().get(day.getDayOfWeek()).stream()
        .sorted(Comparator.comparingInt(BusinessCalendar.Interval::startMinute))
        .toList();
  }

  private Instant startOf(LocalDate day, BusinessCalendar.Interval interval) {
    return day.atTime(LocalTime.ofSecondOfDay(interval.startMinute() * 60L))
        .atZone(calendar.zone())
        .toInstant();
  }
}
