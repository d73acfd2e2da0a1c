package io.servicebook.server;

import java.util.Map;

/** The chat API on PostgreSQL, the production database. */
class PostgresChatIntegrationTests extends ChatContractTests {

  @Override
  Map<String, String> database() {
    return TestDatabases.freshPostgres();
  }
}
