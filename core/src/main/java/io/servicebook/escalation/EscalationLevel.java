package io.servicebook.escalation;

import java.util.List;
import java.util.Objects;

/**
 * One rung of the escalation ladder.
 *
 * @param key what protocols, requests and the database call it ({@code team_lead})
 * @param name what people read ({@code Team lead})
 * @param recipients who hears when a case reaches this level: role keys or usernames
 */
public record EscalationLevel(String key, String name, List<String> recipients) {

  public EscalationLevel {
    Objects.requireNonNull(key, "key");
    if (key.isBlank()) {
      throw new IllegalArgumentException("An escalation level needs a key.");
    }
    name = name == null || name.isBlank() ? key : name;
    recipients = recipients == null ? List.of() : List.copyOf(recipients);
    if (recipients.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException(
          "Level `" + key + "` notifies a blank name; list role keys or usernames.");
    }
  }
}
