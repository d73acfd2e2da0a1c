package io.servicebook.cases;

import io.servicebook.protocol.Channel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a customer likes to be served, kept by the agents on the customer's profile and read by
 * protocols as {@code customer.preferences.*}. Every part is optional; conditions and scripts see a
 * part nobody has set as the empty text {@code ""}.
 *
 * @param preferredChannel the channel the customer would rather be answered on
 * @param language the language tag the customer would rather be spoken to in, such as {@code es}
 * @param bestTime when the customer is best reached, in the agent's words ("weekdays after 18:00")
 * @param accessibility what the customer needs to be served well ("large print", "no phone calls")
 * @param note a free note for colleagues, never shown to the customer
 */
public record CustomerPreferences(
    Optional<Channel> preferredChannel,
    Optional<String> language,
    Optional<String> bestTime,
    Optional<String> accessibility,
    Optional<String> note) {

  /** Nothing set. */
  public static final CustomerPreferences NONE =
      new CustomerPreferences(
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  /** The names protocols use after {@code customer.preferences.}, in the order shown. */
  public static final List<String> NAMES =
      List.of("preferred_channel", "language", "best_time", "accessibility", "note");

  public CustomerPreferences {
    Objects.requireNonNull(preferredChannel, "preferredChannel");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(bestTime, "bestTime");
    Objects.requireNonNull(accessibility, "accessibility");
    Objects.requireNonNull(note, "note");
  }

  /** Whether nothing is set. */
  public boolean isEmpty() {
    return equals(NONE);
  }

  /** The values by the names protocols use; a part nobody set is {@code ""}. */
  public Map<String, Object> values() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("preferred_channel", preferredChannel.map(Channel::key).orElse(""));
    values.put("language", language.orElse(""));
    values.put("best_time", bestTime.orElse(""));
    values.put("accessibility", accessibility.orElse(""));
    values.put("note", note.orElse(""));
    return values;
  }
}
