package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.cli.ServicebookCommand;
import io.servicebook.server.security.LocalAccess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code servicebook user token NAME} while {@code servicebook serve --demo} runs on the embedded
 * database in its own process: the running server makes the token (through the address and secret
 * it left in the data directory), which then works on the API; every refusal is one line without a
 * stack trace; after the server stops the command opens the database itself again.
 */
class UserTokenWhileServingTests {

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

  private static int status(String base, String token) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/protocols"))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static void oneLine(Run run) {
    assertThat(run.err().lines()).as(run.err()).hasSize(1);
    assertThat(run.err()).doesNotContain("Exception", "\tat ", "JdbcSQL");
  }

  @Test
  void whileTheDemoServerRunsTheCommandGetsAWorkingTokenFromIt() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    String dataDir = data.toString();
    try (ServerProcess server =
        ServerProcess.start(data, Map.of(), dir.resolve("server.log"), List.of("--demo"))) {
      Path access = data.resolve(LocalAccess.FILE);
      assertThat(access).isRegularFile();
      assertThat(Files.getPosixFilePermissions(access))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));

      Run token = run("user", "token", "agent", "--data-dir", dataDir);
      assertThat(token.exitCode()).as(token.err()).isZero();
      assertThat(token.out().lines()).hasSize(1);
      String secret = token.out().strip();
      assertThat(secret).startsWith("sb_");
      assertThat(token.err()).contains("for agent", "made by the server", "shown this once");
      assertThat(status(server.base(), secret)).isEqualTo(200);

      Run narrow =
          run(
              "user",
              "token",
              "agent",
              "--scope",
              "read",
              "--expires",
              "7d",
              "--name",
              "report",
              "--data-dir",
              dataDir);
      assertThat(narrow.exitCode()).as(narrow.err()).isZero();
      assertThat(narrow.err()).contains("scopes read", "expires 20");

      Run nobody = run("user", "token", "nobody", "--data-dir", dataDir);
      assertThat(nobody.exitCode()).isEqualTo(1);
      oneLine(nobody);
      assertThat(nobody.err()).contains("no user `nobody`");
      Run badExpiry = run("user", "token", "agent", "--expires", "soon", "--data-dir", dataDir);
      assertThat(badExpiry.exitCode()).isEqualTo(2);
      oneLine(badExpiry);
      assertThat(badExpiry.err()).contains("expires", "not an expiry");

      String localSecret = LocalAccess.read(data).orElseThrow().secret();
      assertThat(status(server.base(), localSecret))
          .as("the server's own secret makes tokens, nothing else")
          .isEqualTo(401);

      Files.delete(access);
      Run noAddress = run("user", "token", "agent", "--data-dir", dataDir);
      assertThat(noAddress.exitCode()).isEqualTo(1);
      oneLine(noAddress);
      assertThat(noAddress.err()).contains("in use by a running server", "API tokens");
      assertThat(status(server.base(), secret)).as("still works").isEqualTo(200);
    }
    assertThat(data.resolve(LocalAccess.FILE)).as("removed when the server stops").doesNotExist();
    Run offline = run("user", "token", "admin", "--data-dir", dataDir);
    assertThat(offline.exitCode()).as(offline.err()).isZero();
    assertThat(offline.out().strip()).startsWith("sb_");
  }
}
