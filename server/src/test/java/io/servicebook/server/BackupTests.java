package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.cli.ServicebookCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code servicebook backup} and {@code restore} on the embedded database: offline, online through
 * a running server, and the restore that keeps the database it replaces.
 */
class BackupTests {

  @TempDir Path dir;

  record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = ServicebookCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private Path data() {
    return dir.resolve("data");
  }

  private static String openCase(RunningServer server, String subject) throws Exception {
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("first_name", "Bea");
    customer.put("last_name", "Backup");
    customer.put("email", "bea@example.com");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", "email");
    body.put("category", "question");
    body.put("subject", subject);
    body.put("message", "Hello");
    body.put("customer", customer);
    RunningServer.Reply reply = server.postJson("/api/v1/cases", RunningServer.TOKEN, body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json().get("id").asString();
  }

  @Test
  void aBackupRestoredBringsBackItsCasesAndKeepsTheReplacedDatabase() throws Exception {
    String before;
    String after;
    try (RunningServer server = RunningServer.start(data(), Map.of(), Map.of())) {
      before = openCase(server, "before the backup");
    }
    Path zip = dir.resolve("backup.zip");
    Run backup = run("backup", "--data-dir", data().toString(), "--to", zip.toString());
    assertThat(backup.exitCode()).as(backup.err()).isZero();
    assertThat(backup.out()).contains("Backed up", zip.toString());
    assertThat(zip).isRegularFile();

    try (RunningServer server = RunningServer.start(data(), Map.of(), Map.of())) {
      after = openCase(server, "after the backup");
    }
    Run restore = run("restore", "--data-dir", data().toString(), "--from", zip.toString());
    assertThat(restore.exitCode()).as(restore.err()).isZero();
    assertThat(restore.out()).contains("Restored", "1 cases", "kept as");
    try (var aside = Files.list(data())) {
      assertThat(aside.map(p -> p.getFileName().toString()))
          .anyMatch(name -> name.startsWith("servicebook.mv.db.before-restore-"));
    }

    try (RunningServer server = RunningServer.start(data(), Map.of(), Map.of())) {
      assertThat(server.get("/api/v1/cases/" + before, RunningServer.TOKEN).status())
          .isEqualTo(200);
      assertThat(server.get("/api/v1/cases/" + after, RunningServer.TOKEN).status()).isEqualTo(404);
    }
  }

  @Test
  void whileAServerRunsTheBackupIsMadeOnlineThroughItAndOfflineCommandsSayOneLine()
      throws Exception {
    Path zip = dir.resolve("online.zip");
    Files.createDirectories(data());
    try (ServerProcess server = ServerProcess.start(data(), Map.of(), dir.resolve("server.log"))) {
      Run offline = run("backup", "--data-dir", data().toString(), "--to", zip.toString());
      assertThat(offline.exitCode()).isEqualTo(1);
      assertThat(offline.err().lines()).hasSize(1);
      assertThat(offline.err())
          .contains("in use by a running server", "--server")
          .doesNotContain("Exception", "\tat ");
      Run restoreNow = run("restore", "--data-dir", data().toString(), "--from", zip.toString());
      assertThat(restoreNow.exitCode()).isNotZero();
      Run tokens = run("user", "tokens", "admin", "--data-dir", data().toString());
      assertThat(tokens.exitCode()).isNotZero();
      assertThat(tokens.err().lines()).hasSize(1);
      assertThat(tokens.err()).contains("in use by a running server");

      Run refused =
          run(
              "backup",
              "--data-dir",
              data().toString(),
              "--to",
              zip.toString(),
              "--server",
              server.base(),
              "--token",
              "sb_not_a_token");
      assertThat(refused.exitCode()).isEqualTo(1);
      assertThat(refused.err()).contains("refused the backup (401)");
      assertThat(zip).doesNotExist();

      Run online =
          run(
              "backup",
              "--data-dir",
              data().toString(),
              "--to",
              zip.toString(),
              "--server",
              server.base(),
              "--token",
              ServerProcess.TOKEN);
      assertThat(online.exitCode()).as(online.err()).isZero();
      assertThat(zip).isRegularFile();
      try (var left = Files.list(data().resolve("backups"))) {
        assertThat(left).as("moved to --to, nothing left behind").isEmpty();
      }
    }
    Path restored = dir.resolve("restored");
    Run restore = run("restore", "--data-dir", restored.toString(), "--from", zip.toString());
    assertThat(restore.exitCode()).as(restore.err()).isZero();
    assertThat(restore.out()).contains("Restored").doesNotContain("kept as");
    try (RunningServer server = RunningServer.start(restored, Map.of(), Map.of())) {
      assertThat(server.get("/api/v1/protocols", RunningServer.TOKEN).body())
          .as("the starter pack the process imported")
          .contains("return-and-refund");
    }
  }

  @Test
  void onlyAdminsMayAskForABackup() throws Exception {
    try (RunningServer server = RunningServer.start(data(), Map.of(), Map.of())) {
      RunningServer.Reply agent =
          server.post(
              "/api/v1/backups",
              server.tokenFor("ann", io.servicebook.server.security.Role.AGENT),
              "application/json",
              new byte[0]);
      assertThat(agent.status()).isEqualTo(403);
      RunningServer.Reply admin =
          server.post("/api/v1/backups", RunningServer.TOKEN, "application/json", new byte[0]);
      assertThat(admin.status()).as(admin.body()).isEqualTo(201);
      assertThat(Path.of(admin.json().get("file").asString())).isRegularFile();
      assertThat(admin.json().get("bytes").asLong()).isPositive();
    }
  }

  @Test
  void aFileThatIsNotABackupIsRefusedAndNothingChanges() throws Exception {
    Path notAZip = Files.writeString(dir.resolve("notes.zip"), "hello");
    Run restore = run("restore", "--data-dir", data().toString(), "--from", notAZip.toString());
    assertThat(restore.exitCode()).isEqualTo(2);
    assertThat(restore.err()).contains("is not a backup of servicebook");
    assertThat(data()).doesNotExist();
  }
}
