package io.servicebook.server.protocols;

import java.time.Instant;
import java.util.Optional;

/**
 * A protocol version was published, in the transaction that published it.
 *
 * @param owner the protocol's {@code owner}, as written
 * @param reviewDue when its {@code review_every} after publication comes due; empty without one
 */
public record ProtocolPublished(
    String slug, int version, String title, Optional<String> owner, Optional<Instant> reviewDue) {}
