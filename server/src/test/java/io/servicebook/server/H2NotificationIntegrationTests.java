package io.servicebook.server;

import java.util.Map;

/** Staff notifications on the embedded H2 database. */
class H2NotificationIntegrationTests extends NotificationContractTests {

  @Override
  Map<String, String> database() {
    return Map.of();
  }
}
