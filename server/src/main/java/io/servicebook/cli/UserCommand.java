package io.servicebook.cli;

import io.servicebook.server.Databases;
import io.servicebook.server.ServicebookApplication;
import io.servicebook.server.security.Role;
import io.servicebook.server.security.UserAccounts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code servicebook user}: manages users and API tokens in the server's database. */
@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description = "Manages users and their API tokens (uses the same database as `serve`).",
    subcommands = {UserCommand.Add.class, UserCommand.Token.class})
final class UserCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Opens the database (migrating it if needed) without starting the web server. */
  static ConfigurableApplicationContext open(Path dataDir) throws IOException {
    return open(dataDir, false, true);
  }

  /**
   * Opens the database without the web server; with {@code demo}, as {@code serve --demo} does
   * (starter pack, demo users and cases); without {@code rollupWorker}, the command brings the KPI
   * rollups up to date itself.
   */
  static ConfigurableApplicationContext open(Path dataDir, boolean demo, boolean rollupWorker)
      throws IOException {
    Files.createDirectories(dataDir);
    Map<String, Object> properties =
        new LinkedHashMap<>(Databases.properties(System.getenv(), dataDir));
    properties.put("servicebook.data-dir", dataDir.toAbsolutePath().toString());
    properties.put("logging.level.root", "ERROR");
    properties.put("servicebook.demo", demo);
    properties.put("servicebook.kpi.worker", rollupWorker);
    SpringApplication application = ServicebookApplication.application();
    application.setWebApplicationType(WebApplicationType.NONE);
    application.setDefaultProperties(properties);
    return application.run();
  }

  /** {@code servicebook user add NAME --role ROLE…}. */
  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = {
        "Adds a user. The password is read from standard input with --password-stdin, or generated and"
            + " printed once."
      })
  static final class Add implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Login name.")
    String username;

    @Option(
        names = "--role",
        required = true,
        split = ",",
        description = "One or more of: ${COMPLETION-CANDIDATES}.")
    List<Role> roles;

    @Option(names = "--display-name", description = "The name people see (default: NAME).")
    String displayName;

    @Option(names = "--password-stdin", description = "Read the password from standard input.")
    boolean passwordFromStdin;

    @Mixin DataDir dataDir;

    @Override
    public Integer call() throws IOException {
      if (!username.matches("[a-zA-Z0-9._@-]{1,100}")) {
        spec.commandLine()
            .getErr()
            .println(
                "servicebook: `"
                    + username
                    + "` is not a valid user name: use"
                    + " letters, digits, dot, dash, underscore or @ (at most 100).");
        return ExitCodes.USAGE;
      }
      String password = passwordFromStdin ? readPassword() : generated();
      if (password.length() < 8) {
        spec.commandLine()
            .getErr()
            .println("servicebook: the password needs at least 8 characters.");
        return ExitCodes.USAGE;
      }
      try (ConfigurableApplicationContext context = open(dataDir.path)) {
        UserAccounts accounts = context.getBean(UserAccounts.class);
        return switch (accounts.add(
            username,
            displayName == null ? username : displayName,
            password,
            EnumSet.copyOf(roles),
            "cli")) {
          case UserAccounts.Added.Created created -> {
            spec.commandLine().getOut().println("Added user " + username + " (" + roles + ").");
            if (!passwordFromStdin) {
              spec.commandLine().getOut().println("Password (shown once): " + password);
            }
            yield ExitCodes.CLEAN;
          }
          case UserAccounts.Added.NameTaken taken -> {
            spec.commandLine()
                .getErr()
                .println("servicebook: there is already a user `" + username + "`.");
            yield ExitCodes.PROBLEMS;
          }
        };
      }
    }

    private static String readPassword() throws IOException {
      String line =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      return line == null ? "" : line.strip();
    }

    private static String generated() {
      byte[] bytes = new byte[12];
      new SecureRandom().nextBytes(bytes);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
  }

  /** {@code servicebook user token NAME}: creates an API token. */
  @Command(
      name = "token",
      mixinStandardHelpOptions = true,
      description = "Creates an API token for a user and prints it once.")
  static final class Token implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Login name.")
    String username;

    @Option(
        names = "--name",
        defaultValue = "cli",
        description = "What the token is for (default: ${DEFAULT-VALUE}).")
    String tokenName;

    @Mixin DataDir dataDir;

    @Override
    public Integer call() throws IOException {
      try (ConfigurableApplicationContext context = open(dataDir.path)) {
        UserAccounts accounts = context.getBean(UserAccounts.class);
        var user = accounts.find(username);
        if (user.isEmpty()) {
          spec.commandLine().getErr().println("servicebook: there is no user `" + username + "`.");
          return ExitCodes.PROBLEMS;
        }
        spec.commandLine().getOut().println(accounts.createToken(user.get(), tokenName, "cli"));
        return ExitCodes.CLEAN;
      }
    }
  }
}
