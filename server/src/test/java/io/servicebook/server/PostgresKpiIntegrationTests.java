package io.servicebook.server;

import java.util.Map;

/** The KPI endpoints on PostgreSQL. */
class PostgresKpiIntegrationTests extends KpiContractTests {

  @Override
  Map<String, String> database() {
    return TestDatabases.freshPostgres();
  }
}
