package io.servicebook.server;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** The previous release's PostgreSQL database (a pg_dump of it), opened by this release. */
class PostgresUpgradeTests extends UpgradeContractTests {

  @Override
  Map<String, String> previousRelease() throws Exception {
    Map<String, String> database = TestDatabases.freshPostgres();
    String dump;
    try (InputStream in =
        new GZIPInputStream(getClass().getResourceAsStream("/upgrade/postgres-14da323.sql.gz"))) {
      dump = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (Connection c =
        DriverManager.getConnection(
            database.get("SERVICEBOOK_DB_URL"), database.get("SERVICEBOOK_DB_USER"), "")) {
      c.createStatement().execute(dump);
    }
    return database;
  }

  @Override
  String oldToken() {
    return "sb_dcMRn8oXgWZ-N479I19KqYb8wlfLRBDPcSO1EDu2cP4";
  }
}
