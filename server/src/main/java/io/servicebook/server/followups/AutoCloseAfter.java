package io.servicebook.server.followups;

import io.servicebook.followups.DueTime;
import io.servicebook.followups.Resolution;
import io.servicebook.protocol.IsoDuration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The setting {@code servicebook.cases.auto-close-after}: how long a case stays resolved without a
 * word from the customer before it closes by itself (an ISO-8601 duration, {@code P7D} unless set;
 * {@code off} never closes).
 */
@Component
class AutoCloseAfter {

  static final String KIND = "case-auto-close";

  private final Optional<IsoDuration> after;

  AutoCloseAfter(@Value("${servicebook.cases.auto-close-after:P7D}") String setting) {
    this.after = read(setting);
  }

  private static Optional<IsoDuration> read(String setting) {
    if (setting.trim().toLowerCase(Locale.ROOT).equals("off")) {
      return Optional.empty();
    }
    return Optional.of(
        IsoDuration.parse(setting)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "servicebook.cases.auto-close-after is “"
                            + setting
                            + "”; write an ISO-8601 duration such as P7D or PT12H, or off.")));
  }

  Optional<IsoDuration> duration() {
    return after;
  }

  /** When the case of this resolution closes, unless auto-close is off. */
  Optional<Instant> closesAt(Resolution resolution) {
    return after.map(a -> DueTime.after(resolution.resolvedAt(), a));
  }

  /** The timer of a case's resolution cycle, so a reopen and a new resolution get a new one. */
  static String timerId(String caseId, int cycle) {
    return caseId + ":" + cycle;
  }
}
