package io.servicebook.server;

import java.util.Map;

/** Condition costs on PostgreSQL. */
class PostgresConditionCostIntegrationTests extends ConditionCostContractTests {

  @Override
  Map<String, String> database() {
    return TestDatabases.freshPostgres();
  }
}
