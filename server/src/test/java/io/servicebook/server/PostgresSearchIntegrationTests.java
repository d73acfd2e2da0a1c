package io.servicebook.server;

import java.util.Map;

/** The search on PostgreSQL, with its full-text search. */
class PostgresSearchIntegrationTests extends SearchContractTests {

  @Override
  Map<String, String> database() {
    return TestDatabases.freshPostgres();
  }
}
