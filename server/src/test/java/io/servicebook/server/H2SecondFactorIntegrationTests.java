package io.servicebook.server;

import java.util.Map;

/** The second factor on the embedded H2 database. */
class H2SecondFactorIntegrationTests extends SecondFactorContractTests {

  @Override
  Map<String, String> database() {
    return Map.of();
  }
}
