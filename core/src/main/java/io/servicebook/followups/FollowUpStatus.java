package io.servicebook.followups;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a follow-up stands; the moves between them are in {@link FollowUpTransitions}.
 *
 * <p>A follow-up waits ({@code SCHEDULED}) until it comes due ({@code DUE}, in the queue); an agent
 * marks it done or skips it; a reopened case cancels the follow-up of its resolution.
 */
public enum FollowUpStatus {
  SCHEDULED,
  DUE,
  DONE,
  SKIPPED,
  CANCELLED;

  /** The name the API and the database use, such as {@code due}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status a key names, ignoring case; empty for anything else. */
  public static Optional<FollowUpStatus> of(String key) {
    for (FollowUpStatus status : values()) {
      if (status.key().equalsIgnoreCase(key.trim())) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }

  /** Whether nothing more happens to a follow-up in this status. */
  public boolean isFinished() {
    return FollowUpTransitions.allowedFrom(this).isEmpty();
  }
}
