package io.servicebook.server.cases;

import io.servicebook.cases.Case;
import java.util.List;
import java.util.Optional;

/**
 * A case as stored: the domain case, the protocol picked for it and the others that applied, and
 * the row version that optimistic locking compares.
 */
public record StoredCase(
    Case kase, Optional<ProtocolRef> protocol, List<ProtocolRef> alternatives, long version) {

  public StoredCase {
    alternatives = List.copyOf(alternatives);
  }

  /** A published protocol version, by slug and number. */
  public record ProtocolRef(String slug, int version) {}
}
