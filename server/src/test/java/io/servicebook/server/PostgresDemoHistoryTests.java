package io.servicebook.server;

import java.util.Map;

/** The generated past of {@code servicebook demo-data} on PostgreSQL. */
class PostgresDemoHistoryTests extends DemoHistoryTests {

  @Override
  Map<String, String> database() {
    return TestDatabases.freshPostgres();
  }
}
