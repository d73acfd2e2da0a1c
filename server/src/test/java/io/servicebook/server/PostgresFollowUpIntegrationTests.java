package io.servicebook.server;

import java.util.Map;

/** Follow-ups and auto-close on PostgreSQL. */
class PostgresFollowUpIntegrationTests extends FollowUpContractTests {

  @Override
  Map<String, String> database() {
    return TestDatabases.freshPostgres();
  }
}
