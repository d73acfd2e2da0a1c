package io.servicebook.server;

import java.util.Map;

/** The server contract on PostgreSQL, the production database. */
class PostgresServerIntegrationTests extends ServerContractTests {

  @Override
  Map<String, String> database() {
    return TestDatabases.freshPostgres();
  }
}
