package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The audit trail's proofs in a running server on PostgreSQL. */
class PostgresAuditIntegrationTests extends AuditContractTests {

  private Map<String, String> environment;

  @Override
  Map<String, String> database() {
    environment = TestDatabases.freshPostgres();
    return environment;
  }

  /** {@code servicebook audit verify} in a process of its own, as an operator runs it. */
  private CommandRun verifyFromTheCommandLine() throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.servicebook.cli.ServicebookCommand");
    command.addAll(List.of("audit", "verify", "--data-dir", dataDir.toString()));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = new HashMap<>(builder.environment());
    env.putAll(environment);
    builder.environment().putAll(env);
    builder.environment().put("CI", "true");
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new CommandRun(process.exitValue(), out, err);
  }

  /** What a command said, and how it ended. */
  record CommandRun(int exitCode, String out, String err) {}

  @Test
  void theCommandLineOnTheServersDatabaseExitsOneNamingTheChangedRow() throws Exception {
    JdbcClient jdbc = server.bean(JdbcClient.class);
    long id =
        jdbc.sql("SELECT MAX(id) FROM audit_event WHERE subject_type = 'protocol'")
            .query(Long.class)
            .single();
    String details =
        jdbc.sql("SELECT details FROM audit_event WHERE id = :id")
            .param("id", id)
            .query(String.class)
            .single();
    jdbc.sql("UPDATE audit_event SET details = '{}' WHERE id = :id").param("id", id).update();
    CommandRun broken;
    try {
      broken = verifyFromTheCommandLine();
    } finally {
      jdbc.sql("UPDATE audit_event SET details = :d WHERE id = :id")
          .param("d", details)
          .param("id", id)
          .update();
    }
    assertThat(broken.exitCode()).as(broken.err()).isEqualTo(1);
    assertThat(broken.err())
        .contains("servicebook: the audit trail is broken at row " + id + " (protocol ")
        .contains("hash-mismatch");

    CommandRun intact = verifyFromTheCommandLine();
    assertThat(intact.exitCode()).as(intact.err()).isZero();
    assertThat(intact.out()).startsWith("Audit trail intact: ");
  }
}
