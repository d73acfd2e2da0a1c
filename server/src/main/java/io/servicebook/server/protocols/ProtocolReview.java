package io.servicebook.server.protocols;

import java.time.Instant;
import java.util.Optional;

/**
 * A confirmation that a published version is still right ("reviewed, no change"): who, when, and an
 * optional note. The review clock runs from the latest one, or from publication if later.
 */
public record ProtocolReview(
    long id,
    String slug,
    int version,
    String reviewedBy,
    Instant reviewedAt,
    Optional<String> note) {}
