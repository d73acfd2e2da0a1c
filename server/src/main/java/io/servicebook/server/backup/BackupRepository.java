package io.servicebook.server.backup;

import java.nio.file.Path;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** H2's own online backup: a transactionally consistent copy of the database file in a zip. */
@Repository
class BackupRepository {

  private final JdbcClient jdbc;

  BackupRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void backupTo(Path zip) {
    // H2 takes a quoted file name; the name is the server's own, the directory might hold a quote
    jdbc.sql("BACKUP TO '" + zip.toString().replace("'", "''") + "'").update();
  }
}
