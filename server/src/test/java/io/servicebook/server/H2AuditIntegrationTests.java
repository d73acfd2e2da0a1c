package io.servicebook.server;

import java.util.Map;

/** The audit trail's proofs in a running server on the embedded H2 database. */
class H2AuditIntegrationTests extends AuditContractTests {

  @Override
  Map<String, String> database() {
    return Map.of();
  }
}
