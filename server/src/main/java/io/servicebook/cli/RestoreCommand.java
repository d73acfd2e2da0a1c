package io.servicebook.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.zip.ZipFile;
import org.h2.tools.Restore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code servicebook restore}: puts a backup made by {@code servicebook backup} back as the data
 * directory's database. The database it replaces is kept beside it, renamed, so a restore loses
 * nothing; the server must be stopped.
 */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description = {
      "Restores the embedded H2 database from a zip made by `servicebook backup`. Stop the server"
          + " first. The database it replaces is kept beside it as"
          + " servicebook.mv.db.before-restore-TIME.",
      "PostgreSQL is restored with pg_restore (see docs/operations.md)."
    })
final class RestoreCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin DataDir dataDir;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "FILE",
      description = "The zip file made by `servicebook backup`.")
  Path from;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Optional<EmbeddedDatabase> embedded = EmbeddedDatabase.of(System.getenv(), dataDir.path);
    if (embedded.isEmpty()) {
      err.println(
          "servicebook: the data is in PostgreSQL (SERVICEBOOK_DB_URL); restore it with"
              + " pg_restore (docs/operations.md)");
      return ExitCodes.USAGE;
    }
    if (!holdsADatabase(from)) {
      err.println(
          "servicebook: " + from + " is not a backup of servicebook (no servicebook.mv.db inside)");
      return ExitCodes.USAGE;
    }
    EmbeddedDatabase database = embedded.get();
    try {
      database.checkNotInUse();
    } catch (EmbeddedDatabase.InUse inUse) {
      err.println("servicebook: " + inUse.getMessage());
      return ExitCodes.PROBLEMS;
    }
    Files.createDirectories(dataDir.path);
    Optional<Path> kept = Optional.empty();
    if (database.exists()) {
      Path aside =
          database
              .file()
              .resolveSibling(
                  database.file().getFileName()
                      + ".before-restore-"
                      + Instant.now().toString().replace(":", ""));
      Files.move(database.file(), aside);
      kept = Optional.of(aside);
    }
    Restore.execute(from.toString(), dataDir.path.toAbsolutePath().toString(), "servicebook");
    var out = spec.commandLine().getOut();
    try (Connection connection = database.connect()) {
      out.printf(
          "Restored %s from %s: %,d cases, %,d users, %,d audit events.%n",
          database.file(),
          from,
          count(connection, "service_case"),
          count(connection, "app_user"),
          count(connection, "audit_event"));
    }
    kept.ifPresent(aside -> out.println("The database it replaced is kept as " + aside + "."));
    return ExitCodes.CLEAN;
  }

  private static boolean holdsADatabase(Path zip) {
    try (ZipFile file = new ZipFile(zip.toFile())) {
      return file.getEntry(EmbeddedDatabase.NAME + ".mv.db") != null;
    } catch (java.io.IOException notAZip) {
      return false;
    }
  }

  private static long count(Connection connection, String table) throws Exception {
    try (ResultSet rows =
        connection.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
