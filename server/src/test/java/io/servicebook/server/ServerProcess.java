package io.servicebook.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code servicebook serve} in a child JVM from this JVM's class path, as a user starts it: its own
 * process, so it holds the embedded database as a running server does, and it can be killed with
 * SIGKILL. It imports the starter pack and accepts {@link #TOKEN} as an admin token.
 */
final class ServerProcess implements AutoCloseable {

  static final String TOKEN = "sb_server_process_token";
  private static final Pattern URL = Pattern.compile("Servicebook is running at (http://\\S+)/");

  private final Process process;
  private final Path log;
  private final String base;

  private ServerProcess(Process process, Path log, String base) {
    this.process = process;
    this.log = log;
    this.base = base;
  }

  /** Starts a server on the data directory and waits until it prints its URL. */
  static ServerProcess start(Path dataDir, Map<String, String> environment, Path log)
      throws IOException, InterruptedException {
    return start(dataDir, environment, log, List.of());
  }

  /** As above, with more arguments for {@code serve} (such as {@code --demo}). */
  static ServerProcess start(
      Path dataDir, Map<String, String> environment, Path log, List<String> more)
      throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder =
        new ProcessBuilder(
            java,
            "-Xmx512m",
            "-cp",
            System.getProperty("java.class.path"),
            "io.servicebook.cli.ServicebookCommand",
            "serve",
            "--port",
            "0",
            "--data-dir",
            dataDir.toString(),
            "--protocols",
            starterPack().toString());
    builder.command().addAll(more);
    builder.environment().putAll(environment);
    builder.environment().put("SERVICEBOOK_BOOTSTRAP_TOKEN", TOKEN);
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    Process process = builder.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
    while (System.nanoTime() < deadline) {
      Matcher url = URL.matcher(Files.readString(log, StandardCharsets.UTF_8));
      if (url.find()) {
        return new ServerProcess(process, log, url.group(1));
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the server stopped while starting:\n" + Files.readString(log));
      }
      Thread.sleep(100);
    }
    process.destroyForcibly();
    throw new IllegalStateException("the server did not start in 300 s:\n" + Files.readString(log));
  }

  private static Path starterPack() {
    for (Path candidate : List.of(Path.of("protocols"), Path.of("../protocols"))) {
      if (Files.isDirectory(candidate)) {
        return candidate.toAbsolutePath();
      }
    }
    throw new IllegalStateException("the starter pack (protocols/) is not beside the build");
  }

  /** The server's URL without a trailing slash, e.g. {@code http://localhost:41234}. */
  String base() {
    return base;
  }

  /** SIGKILL: no shutdown hook, no flush, as {@code kill -9}. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** From the first logged error on, or the end of the log: what went wrong in the server. */
  String logTail() {
    try {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      int error = text.indexOf(" ERROR ");
      int from = error >= 0 ? error : Math.max(0, text.length() - 8_000);
      return text.substring(from, Math.min(text.length(), from + 8_000));
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  /** Stops the server gracefully (SIGTERM), as Ctrl+C does. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
