package io.servicebook.server;

import java.util.Map;

/** Staff notifications on PostgreSQL. */
class PostgresNotificationIntegrationTests extends NotificationContractTests {

  @Override
  Map<String, String> database() {
    return TestDatabases.freshPostgres();
  }
}
