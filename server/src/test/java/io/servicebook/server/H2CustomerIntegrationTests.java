package io.servicebook.server;

import java.util.Map;

/** Customer profiles, preferences and saved views on the embedded H2 database. */
class H2CustomerIntegrationTests extends CustomerContractTests {

  @Override
  Map<String, String> database() {
    return Map.of();
  }
}
