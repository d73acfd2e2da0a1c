package io.servicebook.server;

import java.util.Map;

/** Teams and the escalation ladder on PostgreSQL. */
class PostgresTeamIntegrationTests extends TeamContractTests {

  @Override
  Map<String, String> database() {
    return TestDatabases.freshPostgres();
  }
}
