package io.servicebook.cli;

import io.servicebook.server.Databases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded H2 database of a data directory, as the commands that work on it offline see it:
 * whether it is there, whether a running server holds it, and a plain connection to it.
 */
final class EmbeddedDatabase {

  /** H2's "database may be already in use": another process has the file open. */
  private static final int IN_USE = 90020;

  static final String NAME = "servicebook";

  private final Path dataDir;

  EmbeddedDatabase(Path dataDir) {
    this.dataDir = dataDir.toAbsolutePath();
  }

  /** The commands' database is PostgreSQL when the environment names one; then this is empty. */
  static Optional<EmbeddedDatabase> of(Map<String, String> environment, Path dataDir) {
    String url = (String) Databases.properties(environment, dataDir).get("spring.datasource.url");
    return Databases.isEmbedded(url)
        ? Optional.of(new EmbeddedDatabase(dataDir))
        : Optional.empty();
  }

  Path file() {
    return dataDir.resolve(NAME + ".mv.db");
  }

  boolean exists() {
    return Files.isRegularFile(file());
  }

  /** A connection to the existing database; fails if a running server holds it. */
  Connection connect() throws SQLException, InUse {
    String url =
        (String) Databases.properties(Map.of(), dataDir).get("spring.datasource.url")
            + ";IFEXISTS=TRUE";
    try {
      return DriverManager.getConnection(url, "sa", "");
    } catch (SQLException e) {
      if (e.getErrorCode() == IN_USE) {
        throw new InUse(dataDir);
      }
      throw e;
    }
  }

  /** Fails with a one-line reason when a running server holds the database. */
  void checkNotInUse() throws InUse, SQLException {
    if (exists()) {
      connect().close();
    }
  }

  /** A running server holds the database: offline commands must wait or go through it. */
  static final class InUse extends Exception {
    InUse(Path dataDir) {
      super(
          "the database in "
              + dataDir
              + " is in use by a running server; stop it first, or do this through the server");
    }
  }
}
