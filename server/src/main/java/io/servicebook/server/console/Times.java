package io.servicebook.server.console;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the pages print them before the browser shows them in the agent's own time zone. */
public final class Times {

  /**
   * The cookie in which app.js keeps the browser's time zone, for what the server counts by day.
   */
  static final String ZONE_COOKIE = "servicebook-tz";

  /** The zone the pages count in until the browser reports its own, as the printed times are. */
  static final ZoneId UTC_ZONE = ZoneId.of("UTC");

  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private Times() {}

  public static String utc(Instant at) {
    return UTC.format(at);
  }

  /**
   * The time zone the browser reported (an IANA name such as Europe/Berlin), else {@code fallback}.
   */
  static ZoneId zone(String name, ZoneId fallback) {
    if (name == null || name.isBlank()) {
      return fallback;
    }
    try {
      return ZoneId.of(name.strip());
    } catch (DateTimeException e) {
      return fallback;
    }
  }
}
