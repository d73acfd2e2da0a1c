package io.servicebook.server;

import java.util.Map;

/** Email both ways on PostgreSQL. */
class PostgresMailIntegrationTests extends MailContractTests {

  @Override
  Map<String, String> database() {
    return TestDatabases.freshPostgres();
  }
}
