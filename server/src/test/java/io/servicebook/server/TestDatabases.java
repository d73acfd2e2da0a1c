package io.servicebook.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Databases for integration tests: a fresh PostgreSQL database per test class on the local server
 * (127.0.0.1:5432, user postgres). Where PostgreSQL is missing the tests are skipped — except in CI
 * (CI=true), where a missing PostgreSQL fails the run instead of hiding the tests.
 */
public final class TestDatabases {

  static final String SERVER =
      System.getenv().getOrDefault("SERVICEBOOK_TEST_PG", "jdbc:postgresql://127.0.0.1:5432/");
  static final String USER = System.getenv().getOrDefault("SERVICEBOOK_TEST_PG_USER", "postgres");

  /** The databases this test JVM created; dropped when it ends, so runs leave nothing behind. */
  private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::dropCreated));
  }

  private TestDatabases() {}

  private static void dropCreated() {
    if (CREATED.isEmpty()) {
      return;
    }
    try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, "")) {
      for (String name : CREATED) {
        c.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    } catch (SQLException e) {
      System.err.println("Could not drop the test databases " + CREATED + ": " + e.getMessage());
    }
  }

  /** Creates an empty database and returns the environment that points the server at it. */
  public static Map<String, String> freshPostgres() {
    String name =
        "servicebook_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, "")) {
      c.createStatement().execute("CREATE DATABASE " + name);
      CREATED.add(name);
    } catch (SQLException e) {
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException(
            "CI needs PostgreSQL at " + SERVER + " (.ci/run starts it): " + e.getMessage(), e);
      }
      assumeTrue(
          false,
          "PostgreSQL is not reachable at " + SERVER + "; skipping (" + e.getMessage() + ")");
    }
    return Map.of(
        "SERVICEBOOK_DB_URL",
        SERVER + name,
        "SERVICEBOOK_DB_USER",
        USER,
        "SERVICEBOOK_DB_PASSWORD",
        "");
  }
}
