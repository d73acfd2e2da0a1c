package io.servicebook.cli;

import io.servicebook.server.Databases;
import io.servicebook.server.ServicebookApplication;
import io.servicebook.server.mail.DemoMailServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code servicebook serve}: starts the server and prints where to find it. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the Servicebook server.",
      "Storage: an H2 file under --data-dir, or PostgreSQL when SERVICEBOOK_DB_URL (with"
          + " SERVICEBOOK_DB_USER, SERVICEBOOK_DB_PASSWORD) is set."
    })
final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "HTTP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--data-dir",
      defaultValue = "data",
      description = "Where the embedded database lives (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--protocols",
      paramLabel = "DIR",
      description =
          "A protocol pack to import at start; each changed protocol is published as a new version.")
  Path protocols;

  @Option(
      names = "--demo",
      description = "Import the starter pack and create the demo users (password `demo`).")
  boolean demo;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Files.createDirectories(dataDir);
    Map<String, Object> properties =
        new LinkedHashMap<>(Databases.properties(System.getenv(), dataDir));
    properties.put("server.port", port);
    properties.put("servicebook.data-dir", dataDir.toAbsolutePath().toString());
    properties.put("servicebook.demo", demo);
    if (protocols != null) {
      properties.put("servicebook.protocols", protocols.toAbsolutePath().toString());
    }
    String bootstrap = System.getenv("SERVICEBOOK_BOOTSTRAP_TOKEN");
    if (bootstrap != null && !bootstrap.isBlank()) {
      properties.put("servicebook.bootstrap-token", bootstrap);
    }
    SpringApplication application = ServicebookApplication.application();
    application.setDefaultProperties(properties);
    CountDownLatch closed = new CountDownLatch(1);
    application.addListeners(
        event -> {
          if (event instanceof ContextClosedEvent) {
            closed.countDown();
          }
        });
    ConfigurableApplicationContext context;
    try {
      context = application.run();
    } catch (RuntimeException e) {
      spec.commandLine()
          .getErr()
          .println("servicebook: the server did not start: " + rootMessage(e));
      return ExitCodes.PROBLEMS;
    }
    String url =
        "http://localhost:" + context.getEnvironment().getProperty("local.server.port") + "/";
    var out = spec.commandLine().getOut();
    out.println("Servicebook is running at " + url);
    out.println("  storage: " + describe(properties.get("spring.datasource.url").toString()));
    if (demo) {
      out.println("  demo logins (password `demo`): agent, supervisor, author, reviewer, admin");
      DemoMailServer mail = context.getBean(DemoMailServer.class);
      if (mail.running()) {
        out.println(
            "  demo mail: write to "
                + DemoMailServer.ADDRESS
                + " by SMTP 127.0.0.1:"
                + mail.smtpPort()
                + ", read the answers by IMAP 127.0.0.1:"
                + mail.imapPort()
                + " (any address signs in with itself as the password)");
      }
    }
    out.println("  health: " + url + "actuator/health   API: " + url + "api/v1/protocols");
    out.println("Press Ctrl+C to stop.");
    out.flush();
    closed.await();
    return ExitCodes.CLEAN;
  }

  private static String describe(String url) {
    return Databases.isEmbedded(url)
        ? "embedded H2 (" + url.substring("jdbc:h2:file:".length()).split(";")[0] + ")"
        : url;
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage();
  }
}
