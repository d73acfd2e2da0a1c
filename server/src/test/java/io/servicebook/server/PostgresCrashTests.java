package io.servicebook.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;

/** The crash drill on PostgreSQL. */
class PostgresCrashTests extends CrashContractTests {

  @Override
  Map<String, String> database() {
    return TestDatabases.freshPostgres();
  }

  @Override
  Connection open(Map<String, String> database) throws Exception {
    return DriverManager.getConnection(
        database.get("SERVICEBOOK_DB_URL"), database.get("SERVICEBOOK_DB_USER"), "");
  }

  @Override
  int kills() {
    return Integer.getInteger("servicebook.crash.kills", 2);
  }
}
