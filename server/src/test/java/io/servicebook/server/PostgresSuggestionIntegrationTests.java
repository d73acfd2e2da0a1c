package io.servicebook.server;

import java.util.Map;

/** The step suggestion contract on PostgreSQL. */
class PostgresSuggestionIntegrationTests extends SuggestionContractTests {

  @Override
  Map<String, String> database() {
    return TestDatabases.freshPostgres();
  }
}
