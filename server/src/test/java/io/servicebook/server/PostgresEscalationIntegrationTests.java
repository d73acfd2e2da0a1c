package io.servicebook.server;

import java.util.Map;

/** Escalations, notifications and run navigation on PostgreSQL. */
class PostgresEscalationIntegrationTests extends EscalationContractTests {

  @Override
  Map<String, String> database() {
    return TestDatabases.freshPostgres();
  }
}
