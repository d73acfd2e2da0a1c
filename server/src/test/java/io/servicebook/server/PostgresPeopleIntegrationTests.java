package io.servicebook.server;

import java.util.Map;

/** The users and API tokens pages on PostgreSQL. */
class PostgresPeopleIntegrationTests extends PeopleContractTests {

  @Override
  Map<String, String> database() {
    return TestDatabases.freshPostgres();
  }
}
