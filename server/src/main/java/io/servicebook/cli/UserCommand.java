package io.servicebook.cli;

import io.servicebook.server.Databases;
import io.servicebook.server.ServicebookApplication;
import io.servicebook.server.notifications.Preferences;
import io.servicebook.server.security.ApiTokens;
import io.servicebook.server.security.LocalAccess;
import io.servicebook.server.security.PasswordPolicy;
import io.servicebook.server.security.Role;
import io.servicebook.server.security.SecondFactors;
import io.servicebook.server.security.TokenScope;
import io.servicebook.server.security.UserAccounts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code servicebook user}: manages users and API tokens in the server's database. */
@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description = "Manages users and their API tokens (uses the same database as `serve`).",
    subcommands = {
      UserCommand.Add.class,
      UserCommand.Passwd.class,
      UserCommand.Token.class,
      UserCommand.Tokens.class,
      UserCommand.RevokeToken.class,
      UserCommand.Deactivate.class,
      UserCommand.Activate.class,
      UserCommand.ResetSecondFactor.class
    })
final class UserCommand implements Runnable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

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
    Optional<EmbeddedDatabase> embedded = EmbeddedDatabase.of(System.getenv(), dataDir);
    if (embedded.isPresent()) {
      try {
        embedded.get().checkNotInUse();
      } catch (EmbeddedDatabase.InUse | java.sql.SQLException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
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

    @Option(
        names = "--email",
        description = "The address notification mails go to (the user can change it later).")
    String email;

    @Mixin DataDir dataDir;

    @Override
    public Integer call() throws IOException {
      if (email != null && !Preferences.validEmail(email.strip())) {
        spec.commandLine()
            .getErr()
            .println(
                "servicebook: `"
                    + email
                    + "` is not an e-mail address; write one such as name@example.com.");
        return ExitCodes.USAGE;
      }
      if (!UserAccounts.validUsername(username)) {
        spec.commandLine()
            .getErr()
            .println(
                "servicebook: `"
                    + username
                    + "` is not a valid user name: use"
                    + " letters, digits, dot, dash, underscore or @ (at most 100).");
        return ExitCodes.USAGE;
      }
      String typed = passwordFromStdin ? readPassword() : null;
      try (ConfigurableApplicationContext context = open(dataDir.path)) {
        String password = typed != null ? typed : context.getBean(PasswordPolicy.class).generate();
        var violations = context.getBean(PasswordPolicy.class).check(username, password);
        if (!violations.isEmpty()) {
          spec.commandLine()
              .getErr()
              .println(
                  "servicebook: the password is not accepted: "
                      + PasswordPolicy.describe(violations));
          return ExitCodes.USAGE;
        }
        UserAccounts accounts = context.getBean(UserAccounts.class);
        return switch (accounts.add(
            username,
            displayName == null ? username : displayName,
            password,
            EnumSet.copyOf(roles),
            "cli")) {
          case UserAccounts.Added.Created created -> {
            if (email != null) {
              accounts.setEmail(username, Optional.of(email.strip()), "cli");
            }
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

    static String readPassword() throws IOException {
      String line =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      return line == null ? "" : line.strip();
    }
  }

  /** {@code servicebook user passwd NAME}: sets a new password. */
  @Command(
      name = "passwd",
      mixinStandardHelpOptions = true,
      description = {
        "Sets a user's password, read from standard input with --password-stdin, or generated and"
            + " printed once. It must pass the password policy (docs/security.md)."
      })
  static final class Passwd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Login name.")
    String username;

    @Option(names = "--password-stdin", description = "Read the password from standard input.")
    boolean passwordFromStdin;

    @Mixin DataDir dataDir;

    @Override
    public Integer call() throws IOException {
      String typed = passwordFromStdin ? Add.readPassword() : null;
      try (ConfigurableApplicationContext context = open(dataDir.path)) {
        String password = typed != null ? typed : context.getBean(PasswordPolicy.class).generate();
        return switch (context
            .getBean(UserAccounts.class)
            .changePassword(username, password, "cli")) {
          case UserAccounts.PasswordChange.Changed changed -> {
            spec.commandLine().getOut().println("Changed the password of " + username + ".");
            if (!passwordFromStdin) {
              spec.commandLine().getOut().println("Password (shown once): " + password);
            }
            yield ExitCodes.CLEAN;
          }
          case UserAccounts.PasswordChange.NoSuchUser missing -> {
            spec.commandLine()
                .getErr()
                .println("servicebook: there is no user `" + username + "`.");
            yield ExitCodes.PROBLEMS;
          }
          case UserAccounts.PasswordChange.Refused refused -> {
            spec.commandLine()
                .getErr()
                .println(
                    "servicebook: the password is not accepted: "
                        + PasswordPolicy.describe(refused.violations()));
            yield ExitCodes.USAGE;
          }
        };
      }
    }
  }

  /**
   * {@code servicebook user token NAME}: creates an API token and prints it alone on standard
   * output, so a script can capture it; what it may do goes to standard error.
   */
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

    @Option(
        names = "--scope",
        split = ",",
        defaultValue = "admin",
        description =
            "What the token may do, one or more of: read, cases, protocols, gateway, admin (default:"
                + " ${DEFAULT-VALUE}, everything the user's roles allow).")
    List<String> scopes;

    @Option(
        names = "--expires",
        description =
            "When the token expires: a duration (P30D, P6M, 30d, 12h), a date (2027-01-31) or"
                + " `never` (default: servicebook.tokens.default-expiry, 90 days).")
    String expires;

    @Mixin DataDir dataDir;

    @Override
    public Integer call() throws IOException {
      Set<TokenScope> wanted = EnumSet.noneOf(TokenScope.class);
      for (String key : scopes) {
        var scope = TokenScope.of(key);
        if (scope.isEmpty()) {
          spec.commandLine()
              .getErr()
              .println(
                  "servicebook: `"
                      + key
                      + "` is not a scope; use one of: "
                      + TokenScope.keys()
                      + ".");
          return ExitCodes.USAGE;
        }
        wanted.add(scope.get());
      }
      Optional<EmbeddedDatabase> embedded = EmbeddedDatabase.of(System.getenv(), dataDir.path);
      if (embedded.isPresent()) {
        try {
          embedded.get().checkNotInUse();
        } catch (EmbeddedDatabase.InUse inUse) {
          return throughServer(wanted);
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e.getMessage(), e);
        }
      }
      try (ConfigurableApplicationContext context = open(dataDir.path)) {
        UserAccounts accounts = context.getBean(UserAccounts.class);
        ApiTokens tokens = context.getBean(ApiTokens.class);
        var user = accounts.find(username);
        if (user.isEmpty()) {
          spec.commandLine().getErr().println("servicebook: there is no user `" + username + "`.");
          return ExitCodes.PROBLEMS;
        }
        Optional<Instant> expiresAt;
        try {
          expiresAt = tokens.expiry(expires);
        } catch (IllegalArgumentException e) {
          spec.commandLine().getErr().println("servicebook: --expires: " + e.getMessage());
          return ExitCodes.USAGE;
        }
        ApiTokens.Issued issued = tokens.issue(user.get(), tokenName, wanted, expiresAt, "cli");
        spec.commandLine().getOut().println(issued.secret());
        spec.commandLine()
            .getErr()
            .println(
                "Token "
                    + issued.token().id()
                    + " for "
                    + username
                    + ": scopes "
                    + keys(issued.token())
                    + ", "
                    + expiresAt.map(at -> "expires " + at).orElse("never expires")
                    + ". It is shown this once.");
        return ExitCodes.CLEAN;
      }
    }

    /**
     * While a server holds the embedded database, the token is made by that server: it left its
     * address and a secret for this in the data directory ({@link LocalAccess}).
     */
    private int throughServer(Set<TokenScope> wanted) throws IOException {
      PrintWriter err = spec.commandLine().getErr();
      Path data = dataDir.path.toAbsolutePath();
      Optional<LocalAccess.Address> address = LocalAccess.read(data);
      if (address.isEmpty()) {
        err.println(
            "servicebook: the database in "
                + data
                + " is in use by a running server that left no "
                + LocalAccess.FILE
                + "; make the token in the console (your name → API tokens), or stop the server"
                + " and run this again");
        return ExitCodes.PROBLEMS;
      }
      URI url = address.get().url();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("user", username);
      body.put("name", tokenName);
      body.put("scopes", wanted.stream().map(TokenScope::key).sorted().toList());
      if (expires != null) {
        body.put("expires", expires);
      }
      HttpResponse<String> response;
      try {
        response =
            HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .build()
                .send(
                    HttpRequest.newBuilder(URI.create(url + "/api/v1/tokens"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + address.get().secret())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        err.println(
            "servicebook: the database in "
                + data
                + " is in use, but the server at "
                + url
                + " does not answer ("
                + e.getClass().getSimpleName()
                + "); wait until it has started, or stop it, and run this again");
        return ExitCodes.PROBLEMS;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ExitCodes.PROBLEMS;
      }
      JsonNode answer = JSON.readTree(response.body().isBlank() ? "{}" : response.body());
      if (response.statusCode() != 201) {
        List<String> details = new java.util.ArrayList<>();
        answer
            .path("errors")
            .forEach(
                e -> details.add(e.path("field").asString() + ": " + e.path("message").asString()));
        err.println(
            "servicebook: the server at "
                + url
                + " refused the token ("
                + response.statusCode()
                + "): "
                + (details.isEmpty()
                    ? answer.path("detail").asString(response.body())
                    : String.join("; ", details)));
        int status = response.statusCode();
        return status == 400 ? ExitCodes.USAGE : ExitCodes.PROBLEMS;
      }
      spec.commandLine().getOut().println(answer.get("secret").asString());
      List<String> scopes = new java.util.ArrayList<>();
      answer.path("scopes").forEach(scope -> scopes.add(scope.asString()));
      String expiresAt = answer.path("expires_at").asString(null);
      err.println(
          "Token "
              + answer.path("id").asLong()
              + " for "
              + username
              + " (made by the server at "
              + url
              + "): scopes "
              + String.join(",", scopes)
              + ", "
              + (expiresAt == null ? "never expires" : "expires " + expiresAt)
              + ". It is shown this once.");
      return ExitCodes.CLEAN;
    }
  }

  /** {@code servicebook user tokens NAME}: lists a user's API tokens. */
  @Command(
      name = "tokens",
      mixinStandardHelpOptions = true,
      description = "Lists a user's API tokens (never the tokens themselves), newest first.")
  static final class Tokens implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Login name.")
    String username;

    @Mixin DataDir dataDir;

    @Override
    public Integer call() throws IOException {
      try (ConfigurableApplicationContext context = open(dataDir.path)) {
        if (context.getBean(UserAccounts.class).find(username).isEmpty()) {
          spec.commandLine().getErr().println("servicebook: there is no user `" + username + "`.");
          return ExitCodes.PROBLEMS;
        }
        Instant now = context.getBean(Clock.class).instant();
        var out = spec.commandLine().getOut();
        String format = "%-6s %-20s %-22s %-8s %-21s %-21s %s%n";
        out.printf(format, "ID", "NAME", "SCOPES", "STATE", "CREATED", "EXPIRES", "LAST USED");
        for (ApiTokens.Token token : context.getBean(ApiTokens.class).of(username)) {
          out.printf(
              format,
              token.id(),
              token.name(),
              keys(token),
              token.state(now),
              minutes(token.createdAt()),
              token.expiresAt().map(UserCommand::minutes).orElse("never"),
              token.lastUsedAt().map(UserCommand::minutes).orElse("-"));
        }
        return ExitCodes.CLEAN;
      }
    }
  }

  /** {@code servicebook user revoke-token ID}: revokes an API token. */
  @Command(
      name = "revoke-token",
      mixinStandardHelpOptions = true,
      description = "Revokes an API token by its id (see `servicebook user tokens NAME`).")
  static final class RevokeToken implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The token's id.")
    long id;

    @Mixin DataDir dataDir;

    @Override
    public Integer call() throws IOException {
      try (ConfigurableApplicationContext context = open(dataDir.path)) {
        return switch (context.getBean(ApiTokens.class).revoke(id, "cli")) {
          case ApiTokens.Revocation.Revoked revoked -> {
            spec.commandLine()
                .getOut()
                .println(
                    "Revoked token "
                        + id
                        + " (`"
                        + revoked.token().name()
                        + "` of "
                        + revoked.token().username()
                        + ").");
            yield ExitCodes.CLEAN;
          }
          case ApiTokens.Revocation.AlreadyRevoked already -> {
            spec.commandLine()
                .getOut()
                .println(
                    "Token "
                        + id
                        + " was already revoked at "
                        + already.token().revokedAt().orElseThrow()
                        + ".");
            yield ExitCodes.CLEAN;
          }
          case ApiTokens.Revocation.NotFound missing -> {
            spec.commandLine().getErr().println("servicebook: there is no token " + id + ".");
            yield ExitCodes.PROBLEMS;
          }
        };
      }
    }
  }

  /** {@code servicebook user deactivate NAME}: the user signs in no way and their tokens stop. */
  @Command(
      name = "deactivate",
      mixinStandardHelpOptions = true,
      description =
          "Deactivates a user: no sign-in with the password or through the identity provider, and"
              + " their API tokens are refused. The user and their history stay.")
  static final class Deactivate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Login name.")
    String name;

    @Mixin DataDir dataDir;

    @Override
    public Integer call() throws IOException {
      return setActive(spec, dataDir, name, false);
    }
  }

  /** {@code servicebook user activate NAME}: undoes a deactivation. */
  @Command(
      name = "activate",
      mixinStandardHelpOptions = true,
      description = "Activates a deactivated user again.")
  static final class Activate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Login name.")
    String name;

    @Mixin DataDir dataDir;

    @Override
    public Integer call() throws IOException {
      return setActive(spec, dataDir, name, true);
    }
  }

  private static int setActive(CommandSpec spec, DataDir dataDir, String name, boolean active)
      throws IOException {
    try (ConfigurableApplicationContext context = open(dataDir.path)) {
      UserAccounts accounts = context.getBean(UserAccounts.class);
      if (accounts.find(name).isEmpty()) {
        spec.commandLine().getErr().println("servicebook: there is no user `" + name + "`.");
        return ExitCodes.PROBLEMS;
      }
      boolean changed = accounts.setActive(name, active, "cli");
      spec.commandLine()
          .getOut()
          .println(
              name + (changed ? " is " : " was already ") + (active ? "active." : "deactivated."));
      return ExitCodes.CLEAN;
    }
  }

  /** {@code servicebook user reset-second-factor NAME}: for a user who lost their phone. */
  @Command(
      name = "reset-second-factor",
      mixinStandardHelpOptions = true,
      description =
          "Removes a user's second factor and recovery codes (they lost their phone): the next"
              + " sign-in needs the password alone, or a new enrolment if the role requires one.")
  static final class ResetSecondFactor implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Login name.")
    String name;

    @Mixin DataDir dataDir;

    @Override
    public Integer call() throws IOException {
      try (ConfigurableApplicationContext context = open(dataDir.path)) {
        var user = context.getBean(UserAccounts.class).find(name);
        if (user.isEmpty()) {
          spec.commandLine().getErr().println("servicebook: there is no user `" + name + "`.");
          return ExitCodes.PROBLEMS;
        }
        boolean had = context.getBean(SecondFactors.class).reset(user.get(), "cli");
        spec.commandLine()
            .getOut()
            .println(
                had
                    ? "Reset the second factor of " + name + "."
                    : name + " has no second factor; nothing to reset.");
        return ExitCodes.CLEAN;
      }
    }
  }

  private static String keys(ApiTokens.Token token) {
    return String.join(",", token.scopes().stream().map(TokenScope::key).sorted().toList());
  }

  private static String minutes(Instant at) {
    return at.truncatedTo(ChronoUnit.MINUTES).toString();
  }
}
