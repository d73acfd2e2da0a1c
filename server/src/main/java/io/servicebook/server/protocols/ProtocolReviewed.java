package io.servicebook.server.protocols;

import java.time.Instant;

/**
 * A protocol's owner, a reviewer or an admin confirmed that the published version {@code version}
 * is still right; its review is now due at {@code reviewDue}.
 */
public record ProtocolReviewed(String slug, int version, Instant reviewDue) {}
