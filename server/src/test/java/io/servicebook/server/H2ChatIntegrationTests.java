package io.servicebook.server;

import java.util.Map;

/** The chat API on the embedded database. */
class H2ChatIntegrationTests extends ChatContractTests {

  @Override
  Map<String, String> database() {
    return Map.of();
  }
}
