package io.servicebook.server.protocols;

import java.time.Instant;

/** One published, immutable version of a protocol, with the YAML it was published from. */
public record PublishedProtocol(
    String slug,
    int version,
    String title,
    String owner,
    String audience,
    int priority,
    String sourceFile,
    String source,
    String contentHash,
    Instant publishedAt,
    String publishedBy) {}
