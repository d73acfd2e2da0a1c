package io.servicebook.server;

import java.util.Map;

/** The survey contract on PostgreSQL. */
class PostgresSurveyIntegrationTests extends SurveyContractTests {

  @Override
  Map<String, String> database() {
    return TestDatabases.freshPostgres();
  }
}
