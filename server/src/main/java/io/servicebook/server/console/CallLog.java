package io.servicebook.server.console;

import io.servicebook.cases.Interaction;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The case page's "Log a call" form as the agent filled it in: who called whom, how long it took
 * (minutes, or minutes and seconds as {@code 5:30}) and what was said; and its check, each problem
 * as the message key shown next to its field.
 */
record CallLog(String direction, String duration, String notes) {

  private static final Pattern LENGTH = Pattern.compile("(\\d{1,4})(?::([0-5]\\d))?");
  private static final Duration LONGEST = Duration.ofHours(12);

  CallLog {
    direction = direction == null ? "" : direction.strip().toLowerCase(Locale.ROOT);
    duration = duration == null ? "" : duration.strip();
    notes = notes == null ? "" : notes.strip();
  }

  /** Each problem by field, as a message key; empty when the call may be logged. */
  Map<String, String> problems() {
    Map<String, String> problems = new LinkedHashMap<>();
    if (chosenDirection().isEmpty()) {
      problems.put("direction", "call.error.direction");
    }
    if (length().isEmpty()) {
      problems.put("duration", "call.error.duration");
    }
    if (notes.isEmpty()) {
      problems.put("notes", "call.error.notes");
    } else if (notes.length() > 100_000) {
      problems.put("notes", "call.error.notes.long");
    }
    return problems;
  }

  /** The call as the conversation keeps it; only for a log without problems. */
  Interaction.Call call() {
    return new Interaction.Call(chosenDirection().orElseThrow(), length().orElseThrow());
  }

  /** What the form sent, to show it again next to its problems. */
  Map<String, String> typed() {
    return Map.of("direction", direction, "duration", duration, "notes", notes);
  }

  private Optional<Interaction.Direction> chosenDirection() {
    return switch (direction) {
      case "inbound" -> Optional.of(Interaction.Direction.INBOUND);
      case "outbound" -> Optional.of(Interaction.Direction.OUTBOUND);
      default -> Optional.empty();
    };
  }

  private Optional<Duration> length() {
    Matcher m = LENGTH.matcher(duration);
    if (!m.matches()) {
      return Optional.empty();
    }
    Duration length =
        Duration.ofMinutes(Long.parseLong(m.group(1)))
            .plusSeconds(m.group(2) == null ? 0 : Long.parseLong(m.group(2)));
    return length.compareTo(LONGEST) > 0 ? Optional.empty() : Optional.of(length);
  }
}
