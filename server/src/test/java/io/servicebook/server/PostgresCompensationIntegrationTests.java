package io.servicebook.server;

import java.util.Map;

/** Compensation on PostgreSQL, the production database. */
class PostgresCompensationIntegrationTests extends CompensationContractTests {

  @Override
  Map<String, String> database() {
    return TestDatabases.freshPostgres();
  }
}
