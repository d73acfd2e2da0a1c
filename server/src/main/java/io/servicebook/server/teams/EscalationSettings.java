package io.servicebook.server.teams;

import io.servicebook.escalation.EscalationLadder;
import io.servicebook.escalation.EscalationLevel;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Name;

/**
 * The escalation ladder as configured ({@code servicebook.escalation.levels[N].key|name|notify}),
 * lowest level first; without levels, the standard agent → team lead → supervisor → manager.
 */
@ConfigurationProperties("servicebook.escalation")
record EscalationSettings(List<Level> levels) {

  /** One level as configured; {@code notify} lists role keys or usernames. */
  record Level(String key, String name, @Name("notify") List<String> recipients) {}

  EscalationLadder ladder() {
    if (levels == null || levels.isEmpty()) {
      return EscalationLadder.standard();
    }
    return EscalationLadder.of(
        levels.stream()
            .map(l -> new EscalationLevel(l.key() == null ? "" : l.key(), l.name(), l.recipients()))
            .toList());
  }
}
