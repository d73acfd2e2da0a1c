package io.servicebook.server;

import java.util.Map;

/** Calls, customers without email and the contact form on the embedded H2 database. */
class H2ContactIntegrationTests extends ContactContractTests {

  @Override
  Map<String, String> database() {
    return Map.of();
  }
}
