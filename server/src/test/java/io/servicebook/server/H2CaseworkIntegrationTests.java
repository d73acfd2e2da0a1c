package io.servicebook.server;

import java.util.Map;

/** The agent's daily casework on the embedded H2 database. */
class H2CaseworkIntegrationTests extends CaseworkContractTests {

  @Override
  Map<String, String> database() {
    return Map.of();
  }
}
