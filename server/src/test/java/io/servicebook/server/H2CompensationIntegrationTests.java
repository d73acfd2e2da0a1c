package io.servicebook.server;

import java.util.Map;

/** Compensation on the embedded H2 database. */
class H2CompensationIntegrationTests extends CompensationContractTests {

  @Override
  Map<String, String> database() {
    return Map.of();
  }
}
