package io.servicebook.server;

import java.util.Map;

/** The users and API tokens pages on the embedded default, H2. */
class H2PeopleIntegrationTests extends PeopleContractTests {

  @Override
  Map<String, String> database() {
    return Map.of();
  }
}
