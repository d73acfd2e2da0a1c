package io.servicebook.server;

import java.util.Map;

/** Teams and the escalation ladder on the embedded H2 database. */
class H2TeamIntegrationTests extends TeamContractTests {

  @Override
  Map<String, String> database() {
    return Map.of();
  }
}
