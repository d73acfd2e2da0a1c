package io.servicebook.server.suggestions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicebook.server.suggestions.StepSuggestion.Status;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A suggestion's one transition table, cell by cell: only an open one closes, as done or dismissed.
 */
class StepSuggestionUnitTests {

  @ParameterizedTest(name = "{0} → {1}: {2}")
  @CsvSource({
    "OPEN, OPEN, false",
    "OPEN, DONE, true",
    "OPEN, DISMISSED, true",
    "DONE, OPEN, false",
    "DONE, DONE, false",
    "DONE, DISMISSED, false",
    "DISMISSED, OPEN, false",
    "DISMISSED, DONE, false",
    "DISMISSED, DISMISSED, false"
  })
  void movesOnlyFromOpenToDoneOrDismissed(Status from, Status to, boolean allowed) {
    assertThat(from.canMoveTo(to)).isEqualTo(allowed);
    if (allowed) {
      StepSuggestion closed =
          suggestion(from)
              .closed(to, "author", Instant.parse("2026-12-02T10:00:00Z"), Optional.empty());
      assertThat(closed.status()).isEqualTo(to);
      assertThat(closed.closedBy()).contains("author");
    } else {
      assertThatThrownBy(
              () -> suggestion(from).closed(to, "author", Instant.EPOCH, Optional.empty()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(from.key())
          .hasMessageContaining(to.key());
    }
  }

  private static StepSuggestion suggestion(Status status) {
    return new StepSuggestion(
        "s-1",
        "return-and-refund",
        3,
        "greet",
        "case-1",
        "run-1",
        "agent",
        "This script sounds robotic.",
        status,
        Instant.parse("2026-12-01T09:00:00Z"),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        0);
  }
}
