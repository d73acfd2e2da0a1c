package io.servicebook.server;

import java.util.Map;

/** The mail pages on PostgreSQL. */
class PostgresMailPagesIntegrationTests extends MailPagesContractTests {

  @Override
  Map<String, String> database() {
    return TestDatabases.freshPostgres();
  }
}
