package io.servicebook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.cli.CommandLineTests.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code servicebook audit} on the embedded database: verify, checkpoint, rotate-key. */
class AuditCommandTests {

  @TempDir Path dir;

  private static Run run(String... args) {
    return CommandLineTests.run(args);
  }

  private static Connection database(Path data) throws Exception {
    return DriverManager.getConnection(
        "jdbc:h2:file:" + data.toAbsolutePath().resolve("servicebook"), "sa", "");
  }

  @Test
  void verifyExitsZeroWhenIntactAndOneNamingTheChangedRow() throws Exception {
    String data = dir.resolve("data").toString();
    assertThat(run("user", "add", "alice", "--role", "agent", "--data-dir", data).exitCode())
        .isZero();

    Run intact = run("audit", "verify", "--data-dir", data);
    assertThat(intact.exitCode()).as(intact.err()).isZero();
    assertThat(intact.out()).startsWith("Audit trail intact: 1 rows in 1 chains, 0 checkpoints");
    assertThat(intact.err()).contains("audit rows [").contains("100%");

    long id;
    try (Connection c = database(dir.resolve("data"));
        Statement s = c.createStatement()) {
      ResultSet rows = s.executeQuery("SELECT MIN(id) FROM audit_event");
      rows.next();
      id = rows.getLong(1);
      s.executeUpdate("UPDATE audit_event SET actor = 'mallory' WHERE id = " + id);
    }

    Run broken = run("audit", "verify", "--data-dir", data);
    assertThat(broken.exitCode()).isEqualTo(1);
    assertThat(broken.err())
        .contains("the audit trail is broken at row " + id + " (user alice): hash-mismatch")
        .contains("1 problem(s) in 1 rows, 1 chains, 0 checkpoints.");
  }

  @Test
  void aCheckpointIsWrittenOnDemandAndVouchesForTheChains() throws Exception {
    String data = dir.resolve("data").toString();
    run("user", "add", "alice", "--role", "agent", "--data-dir", data);
    run("user", "add", "bob", "--role", "agent", "--data-dir", data);

    Run written = run("audit", "checkpoint", "--data-dir", data);

    assertThat(written.exitCode()).as(written.err()).isZero();
    assertThat(written.out()).contains("Wrote a checkpoint of 2 chain head(s) up to row");
    assertThat(Files.readAllLines(dir.resolve("data/audit-checkpoints.jsonl"))).hasSize(1);
    assertThat(run("audit", "verify", "--data-dir", data).out())
        .contains("2 rows in 2 chains, 1 checkpoints (2 chain heads) checked.");
  }

  @Test
  void rotateKeyAddsAKeyThatSignsFromTheNextStartAndOldRowsStillVerify() throws Exception {
    String data = dir.resolve("data").toString();
    run("user", "add", "alice", "--role", "agent", "--data-dir", data);
    Path keys = dir.resolve("data/keys/audit-hmac.key");
    assertThat(Files.readAllLines(keys)).hasSize(1);

    Run rotated = run("audit", "rotate-key", "--data-dir", data);

    assertThat(rotated.exitCode()).as(rotated.err()).isZero();
    assertThat(rotated.out()).startsWith("Added audit key hmac-").contains(keys.toString());
    assertThat(Files.readAllLines(keys)).hasSize(2);
    run("user", "add", "bob", "--role", "agent", "--data-dir", data);
    try (Connection c = database(dir.resolve("data"));
        Statement s = c.createStatement()) {
      ResultSet rows = s.executeQuery("SELECT COUNT(DISTINCT key_id) FROM audit_event");
      rows.next();
      assertThat(rows.getInt(1)).isEqualTo(2);
    }
    Run verified = run("audit", "verify", "--data-dir", data);
    assertThat(verified.exitCode()).as(verified.err()).isZero();
  }

  @Test
  void everyAuditCommandHasHelp() {
    Run audit = run("audit", "--help");
    assertThat(audit.exitCode()).isZero();
    assertThat(audit.out())
        .contains("Usage: servicebook audit", "verify", "rotate-key", "checkpoint");
    for (String command : new String[] {"verify", "rotate-key", "checkpoint"}) {
      Run run = run("audit", command, "--help");
      assertThat(run.exitCode()).as(command).isZero();
      assertThat(run.out()).contains("Usage: servicebook audit " + command);
    }
  }
}
