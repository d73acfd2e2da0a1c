package io.servicebook.server;

import java.util.Map;

/** Customer profiles, preferences and saved views on PostgreSQL. */
class PostgresCustomerIntegrationTests extends CustomerContractTests {

  @Override
  Map<String, String> database() {
    return TestDatabases.freshPostgres();
  }
}
