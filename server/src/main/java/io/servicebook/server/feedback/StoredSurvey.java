package io.servicebook.server.feedback;

import io.servicebook.feedback.Survey;
import io.servicebook.server.cases.StoredCase.ProtocolRef;
import java.util.Optional;

/**
 * A survey as stored: the domain survey, why it went out, the protocol version its case ran on, who
 * sent it, and the row version that optimistic locking compares.
 */
record StoredSurvey(
    Survey survey, Source source, Optional<ProtocolRef> protocol, String createdBy, long version) {

  /** Why the survey went out. */
  enum Source {
    /** The protocol's {@code feedback} asks for it when the case is resolved. */
    ON_RESOLVE,
    /** A step of the case's run asks for it. */
    STEP,
    /** An agent sent it. */
    BY_HAND
  }
}
