package io.servicebook.server;

import java.util.Map;

/** Sign-in throttling, lockout and API tokens on PostgreSQL. */
class PostgresLoginIntegrationTests extends LoginContractTests {

  @Override
  Map<String, String> database() {
    return TestDatabases.freshPostgres();
  }
}
