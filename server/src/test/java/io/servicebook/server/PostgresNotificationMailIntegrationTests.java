package io.servicebook.server;

import java.util.Map;

/** Notification mails on PostgreSQL. */
class PostgresNotificationMailIntegrationTests extends NotificationMailContractTests {

  @Override
  Map<String, String> database() {
    return TestDatabases.freshPostgres();
  }
}
