package io.servicebook.server;

import java.util.Map;

/** The administration's budgets, calendars and audit pages on PostgreSQL. */
class PostgresAdminMoneyIntegrationTests extends AdminMoneyContractTests {

  @Override
  Map<String, String> database() {
    return TestDatabases.freshPostgres();
  }
}
