package io.servicebook.server;

import java.util.Map;

/** Follow-ups and auto-close on the embedded H2 database. */
class H2FollowUpIntegrationTests extends FollowUpContractTests {

  @Override
  Map<String, String> database() {
    return Map.of();
  }
}
