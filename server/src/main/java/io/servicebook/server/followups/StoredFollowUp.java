package io.servicebook.server.followups;

import io.servicebook.followups.FollowUpStatus;
import io.servicebook.protocol.Channel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A follow-up as stored: what scheduled it, when it is due, whose queue it is in, how it ended, and
 * the row version that optimistic locking compares.
 *
 * @param after the wait as the protocol wrote it, such as {@code P3D}
 * @param assignee the case's assignee when the follow-up was scheduled; empty puts it in the team's
 *     queue
 * @param note what the agent who scheduled it by hand wants remembered
 */
record StoredFollowUp(
    String id,
    String caseId,
    Source source,
    Optional<String> protocolSlug,
    Optional<Integer> protocolVersion,
    Optional<String> runId,
    Optional<String> stepId,
    Optional<Integer> resolutionCycle,
    String after,
    Instant dueAt,
    Optional<Channel> channel,
    Optional<String> assignee,
    Optional<String> team,
    FollowUpStatus status,
    Optional<String> outcome,
    Optional<String> reason,
    Instant createdAt,
    String createdBy,
    Optional<Instant> completedAt,
    Optional<String> completedBy,
    Optional<String> note,
    long version) {

  /**
   * What scheduled a follow-up: the protocol's {@code follow_up} on resolution, a step, or an agent
   * by hand.
   */
  enum Source {
    RESOLUTION,
    STEP,
    MANUAL;

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  StoredFollowUp {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(caseId, "caseId");
    Objects.requireNonNull(dueAt, "dueAt");
    Objects.requireNonNull(status, "status");
  }

  /**
   * The id of the follow-up of a case's resolution cycle, or of a step at a moment: derived from
   * what scheduled it, so the same cause finds the same follow-up.
   */
  static String idOf(String caseId, String cause) {
    return UUID.nameUUIDFromBytes(
            ("follow-up:" + caseId + ":" + cause).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** The same follow-up in another status; finished ones record when, by whom and with what. */
  StoredFollowUp moved(
      FollowUpStatus to,
      Optional<String> outcome,
      Optional<String> reason,
      Instant at,
      String actor) {
    boolean finished = to.isFinished();
    return new StoredFollowUp(
        id,
        caseId,
        source,
        protocolSlug,
        protocolVersion,
        runId,
        stepId,
        resolutionCycle,
        after,
        dueAt,
        channel,
        assignee,
        team,
        to,
        outcome,
        reason,
        createdAt,
        createdBy,
        finished ? Optional.of(at) : completedAt,
        finished ? Optional.of(actor) : completedBy,
        note,
        version + 1);
  }
}
