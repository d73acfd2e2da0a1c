package io.servicebook.calendar;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Pauses merged into disjoint stretches in order, read by a cursor that only moves forward: the
 * clock asks where counting resumes and how long it may count before the next pause.
 */
final class PauseSweep {

  private final List<Instant> starts = new ArrayList<>();
  private final List<Instant> ends = new ArrayList<>();
  private int next;

  PauseSweep(List<Pause> pauses) {
    List<Pause> sorted = new ArrayList<>(pauses);
    sorted.sort(Comparator.comparing(Pause::start));
    for (Pause pause : sorted) {
      int last = ends.size() - 1;
      if (last >= 0 && !pause.start().isAfter(ends.get(last))) {
        if (pause.end().isAfter(ends.get(last))) {
          ends.set(last, pause.end());
        }
      } else {
        starts.add(pause.start());
        ends.add(pause.end());
      }
    }
  }

  /** The first instant at or after {@code t} that no pause covers. */
  Instant resume(Instant t) {
    while (next < ends.size() && !ends.get(next).isAfter(t)) {
      next++;
    }
    if (next < ends.size() && !starts.get(next).isAfter(t)) {
      return ends.get(next++);
    }
    return t;
  }

  /** How far counting may run from an unpaused {@code t}: the next pause, or {@code limit}. */
  Instant countUntil(Instant t, Instant limit) {
    return next < starts.size() && starts.get(next).isBefore(limit) ? starts.get(next) : limit;
  }
}
