package io.servicebook.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;

/** The crash drill on the embedded default, H2 in the data directory. */
class H2CrashTests extends CrashContractTests {

  @Override
  Map<String, String> database() {
    return Map.of();
  }

  @Override
  Connection open(Map<String, String> database) throws Exception {
    String url = (String) Databases.properties(database, dataDir).get("spring.datasource.url");
    return DriverManager.getConnection(url, "sa", "");
  }
}
