package io.servicebook.server;

import java.util.Map;

/** The server contract on the embedded H2 database, the default on a fresh machine. */
class H2ServerIntegrationTests extends ServerContractTests {

  @Override
  Map<String, String> database() {
    return Map.of();
  }
}
