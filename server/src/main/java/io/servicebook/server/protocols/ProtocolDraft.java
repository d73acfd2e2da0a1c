package io.servicebook.server.protocols;

import java.time.Instant;
import java.util.Optional;

/**
 * A saved draft of a protocol: the YAML an author saved from the editor, the published version it
 * was edited from, and, once a reviewer published it, the version it became.
 */
public record ProtocolDraft(
    long id,
    String slug,
    Optional<Integer> basedOn,
    String title,
    String source,
    String contentHash,
    int warnings,
    Instant savedAt,
    String savedBy,
    Optional<Integer> publishedVersion,
    Optional<String> publishedBy) {

  public boolean published() {
    return publishedVersion.isPresent();
  }
}
