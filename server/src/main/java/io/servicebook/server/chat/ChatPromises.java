package io.servicebook.server.chat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * When the company answers, in the customer's words: "We answer by Monday 10:00 (Berlin time)." —
 * the weekday and time in the calendar's time zone, with the date as well when it is more than six
 * days away.
 */
final class ChatPromises {

  private ChatPromises() {}

  static String promise(
      ChatAvailability.Availability availability,
      Instant now,
      Locale locale,
      MessageSource messages) {
    if (availability.online()) {
      return messages.getMessage("chat.online", null, locale);
    }
    if (availability.answerBy().isEmpty()) {
      return messages.getMessage("chat.promise.unknown", null, locale);
    }
    ZonedDateTime at = availability.answerBy().get().atZone(availability.zone());
    boolean far = Duration.between(now, at.toInstant()).compareTo(Duration.ofDays(6)) > 0;
    String when =
        DateTimeFormatter.ofPattern(far ? "EEEE d MMMM HH:mm" : "EEEE HH:mm", locale).format(at);
    return messages.getMessage(
        "chat.promise", new Object[] {when, place(availability.zone())}, locale);
  }

  /** The city of a zone such as Europe/Berlin ("Berlin"), else the zone's id (UTC). */
  static String place(ZoneId zone) {
    String id = zone.getId();
    int slash = id.lastIndexOf('/');
    return slash < 0 ? id : id.substring(slash + 1).replace('_', ' ');
  }
}
