package io.servicebook.server;

import java.util.Map;

/** The mail crash drill on PostgreSQL. */
class PostgresMailCrashTests extends MailCrashContractTests {

  @Override
  Map<String, String> database() {
    return TestDatabases.freshPostgres();
  }
}
