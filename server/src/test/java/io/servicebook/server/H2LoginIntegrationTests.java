package io.servicebook.server;

import java.util.Map;

/** Sign-in throttling, lockout and API tokens on the embedded H2 database. */
class H2LoginIntegrationTests extends LoginContractTests {

  @Override
  Map<String, String> database() {
    return Map.of();
  }
}
