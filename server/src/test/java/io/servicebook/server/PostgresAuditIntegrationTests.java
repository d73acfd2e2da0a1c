package io.servicebook.server;

import java.util.Map;

/** The audit trail's proofs in a running server on PostgreSQL. */
class PostgresAuditIntegrationTests extends AuditContractTests {

  @Override
  Map<String, String> database() {
    return TestDatabases.freshPostgres();
  }
}
