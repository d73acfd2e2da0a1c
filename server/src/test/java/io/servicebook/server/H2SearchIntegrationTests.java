package io.servicebook.server;

import java.util.Map;

/** The search on the embedded H2 database, with Lucene. */
class H2SearchIntegrationTests extends SearchContractTests {

  @Override
  Map<String, String> database() {
    return Map.of();
  }
}
