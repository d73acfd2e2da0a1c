package io.servicebook.server.compensation;

import io.servicebook.compensation.CompensationOffer;
import io.servicebook.compensation.Money;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A compensation request as stored: the case, the step that offered it (when a run's step did), the
 * case's team and the offer's terms when it was asked, the amount, and its decision.
 */
record StoredCompensation(
    String id,
    String caseId,
    Optional<String> runId,
    Optional<String> stepId,
    Optional<String> team,
    Money amount,
    String reason,
    Optional<CompensationOffer> offer,
    Status status,
    String requestedBy,
    Instant requestedAt,
    Optional<String> decidedBy,
    Optional<Instant> decidedAt,
    Optional<String> decisionReason) {

  /** Where a request stands; only a pending one may still be approved or rejected. */
  enum Status {
    PENDING_APPROVAL,
    GRANTED,
    REFUSED,
    REJECTED;

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Status> of(String key) {
      for (Status s : values()) {
        if (s.key().equalsIgnoreCase(key.strip())) {
          return Optional.of(s);
        }
      }
      return Optional.empty();
    }
  }

  /** Still pending, with why a supervisor must approve it. */
  StoredCompensation pendingBecause(String why) {
    return new StoredCompensation(
        id,
        caseId,
        runId,
        stepId,
        team,
        amount,
        reason,
        offer,
        Status.PENDING_APPROVAL,
        requestedBy,
        requestedAt,
        Optional.empty(),
        Optional.empty(),
        Optional.of(why));
  }

  StoredCompensation decided(Status to, String by, Instant at, String why) {
    return new StoredCompensation(
        id,
        caseId,
        runId,
        stepId,
        team,
        amount,
        reason,
        offer,
        to,
        requestedBy,
        requestedAt,
        Optional.of(by),
        Optional.of(at),
        Optional.ofNullable(why));
  }
}
