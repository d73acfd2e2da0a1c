package io.servicebook.followups;

import io.servicebook.protocol.IsoDuration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * When something scheduled {@code after} a moment comes due: the calendar part (years, months,
 * days) is added on the UTC calendar, then the clock part, so {@code P1M} from 31 January is the
 * last day of February and {@code P1D} is always 24 hours. Timers keep milliseconds, so the moment
 * is cut to the millisecond first.
 */
public final class DueTime {

  private DueTime() {}

  public static Instant after(Instant from, IsoDuration after) {
    return from.truncatedTo(ChronoUnit.MILLIS)
        .atOffset(ZoneOffset.UTC)
        .plus(after.period())
        .plus(after.time())
        .toInstant();
  }
}
