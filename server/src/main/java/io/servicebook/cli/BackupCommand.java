package io.servicebook.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code servicebook backup}: a consistent copy of the embedded database in one zip file — directly
 * when no server runs, through the running server (an online backup) with {@code --server}. On
 * PostgreSQL it says how to use {@code pg_dump} instead.
 */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = {
      "Backs up the embedded H2 database into a zip file (restore it with `servicebook restore`).",
      "While a server runs on the data directory, pass --server URL and an admin API token in"
          + " SERVICEBOOK_TOKEN: the server makes the backup online and it is copied to --to.",
      "PostgreSQL is backed up with pg_dump (see docs/operations.md)."
    })
final class BackupCommand implements Callable<Integer> {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Spec CommandSpec spec;

  @Mixin DataDir dataDir;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "FILE",
      description = "The zip file to write; an existing file is not overwritten.")
  Path to;

  @Option(
      names = "--server",
      paramLabel = "URL",
      description = "A server running on this data directory, e.g. http://localhost:8080.")
  URI server;

  @Option(
      names = "--token",
      defaultValue = "${env:SERVICEBOOK_TOKEN}",
      paramLabel = "TOKEN",
      description =
          "An admin API token for --server (default: SERVICEBOOK_TOKEN, which keeps it out of"
              + " the process list).")
  String token;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Optional<EmbeddedDatabase> embedded = EmbeddedDatabase.of(System.getenv(), dataDir.path);
    if (embedded.isEmpty()) {
      err.println(
          "servicebook: the data is in PostgreSQL (SERVICEBOOK_DB_URL); back it up with pg_dump,"
              + " e.g. pg_dump --format=custom --file=servicebook.dump DBNAME (docs/operations.md)");
      return ExitCodes.USAGE;
    }
    if (Files.exists(to)) {
      err.println("servicebook: " + to + " exists already; choose another file or move it away");
      return ExitCodes.USAGE;
    }
    EmbeddedDatabase database = embedded.get();
    if (!database.exists()) {
      err.println("servicebook: there is no database in " + dataDir.path.toAbsolutePath());
      return ExitCodes.USAGE;
    }
    Path made = server != null ? throughServer() : directly(database);
    if (made == null) {
      return ExitCodes.PROBLEMS;
    }
    spec.commandLine()
        .getOut()
        .printf("Backed up %s into %s (%,d bytes).%n", database.file(), to, Files.size(to));
    return ExitCodes.CLEAN;
  }

  private Path directly(EmbeddedDatabase database) throws Exception {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      Path target = to.toAbsolutePath();
      statement.execute("BACKUP TO '" + target.toString().replace("'", "''") + "'");
      return target;
    } catch (EmbeddedDatabase.InUse inUse) {
      spec.commandLine()
          .getErr()
          .println(
              "servicebook: "
                  + inUse.getMessage()
                  + ": pass --server URL (and an admin token in SERVICEBOOK_TOKEN) for an online"
                  + " backup");
      return null;
    }
  }

  private Path throughServer() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (token == null || token.isBlank()) {
      err.println("servicebook: --server needs an admin API token in SERVICEBOOK_TOKEN");
      return null;
    }
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(server.resolve("/api/v1/backups"))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    JsonNode body = JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
    if (response.statusCode() != 201) {
      err.printf(
          "servicebook: the server at %s refused the backup (%d): %s%n",
          server, response.statusCode(), body.path("detail").asString(response.body()));
      return null;
    }
    Path made = Path.of(body.get("file").asString());
    if (!Files.isRegularFile(made)) {
      err.println(
          "servicebook: the server wrote "
              + made
              + ", which is not on this machine; copy it from the server");
      return null;
    }
    Files.move(made, to);
    return to;
  }
}
