package io.servicebook.server.suggestions;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What an agent suggests about a step of a protocol while running it on a case ("this script sounds
 * robotic"), for the protocol's owner; open until somebody marks it done or dismisses it.
 *
 * @param version the row version that optimistic locking compares
 */
public record StepSuggestion(
    String id,
    String protocolSlug,
    int protocolVersion,
    String stepId,
    String caseId,
    String runId,
    String author,
    String text,
    Status status,
    Instant createdAt,
    Optional<Instant> closedAt,
    Optional<String> closedBy,
    Optional<String> closeNote,
    long version) {

  public StepSuggestion {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(closedAt, "closedAt");
    Objects.requireNonNull(closedBy, "closedBy");
    Objects.requireNonNull(closeNote, "closeNote");
  }

  /** Open until acted on; done and dismissed are final. */
  public enum Status {
    OPEN,
    DONE,
    DISMISSED;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The one transition table: only an open suggestion moves, and only to done or dismissed. */
    public boolean canMoveTo(Status to) {
      return this == OPEN && to != OPEN;
    }
  }

  /** The suggestion closed by {@code actor} at {@code at}. */
  StepSuggestion closed(Status to, String actor, Instant at, Optional<String> note) {
    if (!status.canMoveTo(to)) {
      throw new IllegalStateException(
          "A suggestion cannot move from " + status.key() + " to " + to.key() + "; a bug.");
    }
    return new StepSuggestion(
        id,
        protocolSlug,
        protocolVersion,
        stepId,
        caseId,
        runId,
        author,
        text,
        to,
        createdAt,
        Optional.of(at),
        Optional.of(actor),
        note,
        version);
  }
}
