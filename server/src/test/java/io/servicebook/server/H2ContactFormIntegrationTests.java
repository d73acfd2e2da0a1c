package io.servicebook.server;

import java.util.Map;

/** The help centre's contact form on the embedded H2 database. */
class H2ContactFormIntegrationTests extends ContactFormContractTests {

  @Override
  Map<String, String> database() {
    return Map.of();
  }
}
