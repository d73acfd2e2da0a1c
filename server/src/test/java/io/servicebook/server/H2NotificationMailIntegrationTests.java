package io.servicebook.server;

import java.util.Map;

/** Notification mails on the embedded H2 database. */
class H2NotificationMailIntegrationTests extends NotificationMailContractTests {

  @Override
  Map<String, String> database() {
    return Map.of();
  }
}
