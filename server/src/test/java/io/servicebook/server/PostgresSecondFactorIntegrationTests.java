package io.servicebook.server;

import java.util.Map;

/** The second factor on PostgreSQL. */
class PostgresSecondFactorIntegrationTests extends SecondFactorContractTests {

  @Override
  Map<String, String> database() {
    return TestDatabases.freshPostgres();
  }
}
