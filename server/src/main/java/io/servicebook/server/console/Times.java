package io.servicebook.server.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the pages print them before the browser shows them in the agent's own time zone. */
final class Times {

  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private Times() {}

  static String utc(Instant at) {
    return UTC.format(at);
  }
}
