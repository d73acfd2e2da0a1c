package io.servicebook.server;

import java.util.Map;

/** The agent's daily casework on PostgreSQL. */
class PostgresCaseworkIntegrationTests extends CaseworkContractTests {

  @Override
  Map<String, String> database() {
    return TestDatabases.freshPostgres();
  }
}
