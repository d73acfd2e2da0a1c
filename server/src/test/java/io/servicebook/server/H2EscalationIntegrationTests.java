package io.servicebook.server;

import java.util.Map;

/** Escalations, notifications and run navigation on the embedded H2 database. */
class H2EscalationIntegrationTests extends EscalationContractTests {

  @Override
  Map<String, String> database() {
    return Map.of();
  }
}
