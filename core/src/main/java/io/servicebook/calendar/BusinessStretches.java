package io.servicebook.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The stretches of time an SLA clock counts, in order: inside the calendar's openings, outside
 * every pause, from a given instant on.
 */
final class BusinessStretches {

  private final Openings openings;
  private final PauseSweep pauses;
  private final Instant from;
  private Instant cursor;
  private Instant openingEnd;
  private Instant start;
  private Instant end;

  BusinessStretches(
      BusinessCalendar calendar,
      Instant from,
      List<Pause> pauses,
      LocalDate lastDate,
      int maxIdleDays) {
    this.openings = new Openings(calendar, from, lastDate, maxIdleDays);
    this.pauses = new PauseSweep(pauses);
    this.from = from;
  }

  /** Moves to the next stretch; false when there is none (within the limits). */
  boolean next() {
    while (true) {
      if (cursor == null || !cursor.isBefore(openingEnd)) {
        if (!openings.next()) {
          return false;
        }
        // The cursor only moves forward: a pause may have carried it past this opening's start.
        cursor = later(Instant.ofEpochSecond(openings.start()), cursor == null ? from : cursor);
        openingEnd = Instant.ofEpochSecond(openings.end());
      }
      cursor = pauses.resume(cursor);
      if (cursor.isBefore(openingEnd)) {
        start = cursor;
        end = pauses.countUntil(cursor, openingEnd);
        cursor = end;
        return true;
      }
      if (cursor.isAfter(openingEnd)) {
        openings.skipTo(cursor);
      }
    }
  }

  Instant start() {
    return start;
  }

  Instant end() {
    return end;
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
