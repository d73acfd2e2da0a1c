package io.servicebook.server;

import java.util.Map;

/** Calls, customers without email and the contact form on PostgreSQL. */
class PostgresContactIntegrationTests extends ContactContractTests {

  @Override
  Map<String, String> database() {
    return TestDatabases.freshPostgres();
  }
}
