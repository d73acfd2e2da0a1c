package io.servicebook.server.backup;

import io.servicebook.server.Databases;
import io.servicebook.server.audit.AuditLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Online backups of the embedded database: H2 copies its file into a zip while the server keeps
 * serving, transactionally consistent, into {@code <data-dir>/backups/}. PostgreSQL is backed up
 * with its own tools ({@code pg_dump}); see docs/operations.md.
 */
@Component
public class Backups {

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

  private final BackupRepository repository;
  private final AuditLog audit;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final Path dataDir;
  private final boolean embedded;

  Backups(
      BackupRepository repository,
      AuditLog audit,
      TransactionTemplate transactions,
      Clock clock,
      @Value("${servicebook.data-dir:data}") Path dataDir,
      @Value("${spring.datasource.url:}") String url) {
    this.repository = repository;
    this.audit = audit;
    this.transactions = transactions;
    this.clock = clock;
    this.dataDir = dataDir;
    this.embedded = Databases.isEmbedded(url);
  }

  /** A backup made: where it is and how big. */
  public record Made(Path file, long bytes) {}

  /**
   * Makes a backup now; empty on PostgreSQL, whose backups are {@code pg_dump}'s job. The file name
   * is the server's own (a time stamp), never a caller's path.
   */
  public Optional<Made> make(String actor) throws IOException {
    if (!embedded) {
      return Optional.empty();
    }
    Path directory = dataDir.toAbsolutePath().resolve("backups");
    Files.createDirectories(directory);
    Path file = directory.resolve("servicebook-" + STAMP.format(clock.instant()) + ".zip");
    repository.backupTo(file);
    Made made = new Made(file, Files.size(file));
    transactions.executeWithoutResult(
        status ->
            audit.append(
                "backup",
                file.getFileName().toString(),
                "backup.made",
                actor,
                null,
                "{\"bytes\":" + made.bytes() + "}"));
    return Optional.of(made);
  }
}
