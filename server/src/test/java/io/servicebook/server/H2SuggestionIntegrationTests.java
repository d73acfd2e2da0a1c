package io.servicebook.server;

import java.util.Map;

/** The step suggestion contract on the embedded H2 database. */
class H2SuggestionIntegrationTests extends SuggestionContractTests {

  @Override
  Map<String, String> database() {
    return Map.of();
  }
}
