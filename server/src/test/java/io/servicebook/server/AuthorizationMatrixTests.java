package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.servicebook.server.AuthorizationMatrix.Operation;
import io.servicebook.server.AuthorizationMatrix.Table;
import io.servicebook.server.MatrixProbe.Sample;
import io.servicebook.server.security.ApiTokens;
import io.servicebook.server.security.Role;
import io.servicebook.server.security.TokenScope;
import io.servicebook.server.security.UserAccounts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Every API operation (from the OpenAPI document) and console route (from the handler mappings) has
 * a line in the authorization matrix, and every principal — anonymous, a user of each role, a token
 * of each scope — is let through or refused as that line says, over real HTTP on H2. With {@code
 * -Dservicebook.matrix.write=true} the observed matrix is written to the file instead (see
 * docs/security.md, "The authorization matrix").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTests {

  static final boolean WRITE = Boolean.getBoolean("servicebook.matrix.write");

  private static final Set<String> OPENAPI_METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

  /** A column of the matrix: who calls, by API token or console session. */
  record Principal(String column, String token, ConsoleSession session, String csrf) {}

  RunningServer server;
  final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  final List<Principal> principals = new ArrayList<>();
  JsonNode openApi;
  final Map<Operation, JsonNode> apiOperations = new TreeMap<>();
  final Map<Operation, Route> routes = new TreeMap<>();

  /** A handler mapping: what it matches and the method it calls. */
  record Route(RequestMappingInfo info, HandlerMethod handler) {}

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    server =
        RunningServer.start(
            dataDir,
            Map.of(),
            // every role signs in from one address, and the password page's placeholder is a wrong
            // current password: no throttle may turn those into refusals
            Map.of(
                "servicebook.login.free-failures",
                1000,
                "servicebook.login.lockout-failures",
                1000),
            MatrixProbe.initializer());
    readOpenApi();
    readRoutes();
    principals();
  }

  /** The API operations: the OpenAPI document's paths × methods. */
  private void readOpenApi() throws Exception {
    openApi = server.get("/v3/api-docs", null).json();
    openApi
        .path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        op -> {
                          if (OPENAPI_METHODS.contains(op.getKey())) {
                            apiOperations.put(
                                new Operation(op.getKey().toUpperCase(Locale.ROOT), path.getKey()),
                                op.getValue());
                          }
                        }));
  }

  /** Everything the server maps: controllers, springdoc, error, actuator, static files. */
  private void readRoutes() {
    for (RequestMappingInfoHandlerMapping mapping :
        server.context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
      for (Map.Entry<RequestMappingInfo, HandlerMethod> handler :
          mapping.getHandlerMethods().entrySet()) {
        Set<RequestMethod> methods = handler.getKey().getMethodsCondition().getMethods();
        for (String pattern : handler.getKey().getPatternValues()) {
          List<String> names =
              methods.isEmpty() ? List.of("ANY") : methods.stream().map(Enum::name).toList();
          names.forEach(
              m ->
                  routes.put(
                      new Operation(m, MatrixProbe.plain(pattern)),
                      new Route(handler.getKey(), handler.getValue())));
        }
      }
    }
    // static files and other URL mappings (the resource handlers): no methods, asked with GET
    for (AbstractUrlHandlerMapping mapping :
        server.context.getBeansOfType(AbstractUrlHandlerMapping.class).values()) {
      mapping
          .getHandlerMap()
          .forEach(
              (pattern, handler) ->
                  routes.put(new Operation("GET", pattern), new Route(null, null)));
    }
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** The matrix's columns: anonymous, one per role, one per token scope. */
  static List<String> columns() {
    List<String> columns = new ArrayList<>(List.of("anonymous"));
    for (Role role : Role.values()) {
      columns.add(role.name());
    }
    for (TokenScope scope : TokenScope.values()) {
      columns.add("scope:" + scope.key());
    }
    return columns;
  }

  private void principals() throws Exception {
    UserAccounts accounts = server.bean(UserAccounts.class);
    ApiTokens tokens = server.bean(ApiTokens.class);
    principals.add(anonymous());
    for (Role role : Role.values()) {
      String name = "matrix-" + role.key();
      UserAccounts.User user = user(accounts, name, EnumSet.of(role));
      ConsoleSession session = new ConsoleSession(server.base);
      assertThat(session.login(name, "matrix-password").headers().firstValue("Location"))
          .as("%s signs in", name)
          .hasValueSatisfying(l -> assertThat(l).doesNotContain("/login"));
      principals.add(
          new Principal(
              role.name(),
              tokens
                  .issue(user, "matrix", Set.of(TokenScope.ADMIN), Optional.empty(), "test")
                  .secret(),
              session,
              csrf(session, "/account/password")));
    }
    UserAccounts.User everyRole = user(accounts, "matrix-all", EnumSet.allOf(Role.class));
    for (TokenScope scope : TokenScope.values()) {
      principals.add(
          new Principal(
              "scope:" + scope.key(),
              tokens.issue(everyRole, "matrix", Set.of(scope), Optional.empty(), "test").secret(),
              null,
              null));
    }
    assertThat(principals).extracting(Principal::column).isEqualTo(columns());
  }

  private Principal anonymous() throws Exception {
    ConsoleSession session = new ConsoleSession(server.base);
    return new Principal("anonymous", null, session, csrf(session, "/login"));
  }

  private static UserAccounts.User user(UserAccounts accounts, String name, Set<Role> roles) {
    return switch (accounts.add(name, name, "matrix-password", roles, "test")) {
      case UserAccounts.Added.Created created -> created.user();
      case UserAccounts.Added.NameTaken taken -> accounts.find(name).orElseThrow();
    };
  }

  private static String csrf(ConsoleSession session, String page) throws Exception {
    Matcher csrf = ConsoleSession.CSRF.matcher(session.get(page).body());
    assertThat(csrf.find()).as("%s carries a CSRF token", page).isTrue();
    return csrf.group(1);
  }

  /** Every operation the server has: the OpenAPI document's and the console's routes. */
  private Set<Operation> operations() {
    Set<Operation> all = new TreeSet<>(apiOperations.keySet());
    routes.keySet().stream().filter(o -> !o.api()).forEach(all::add);
    return all;
  }

  @Test
  void everyApiHandlerIsInTheOpenApiDocumentAndEveryOperationIsInTheMatrix() throws Exception {
    assumeFalse(WRITE, "writing the matrix instead");
    List<String> problems = new ArrayList<>();
    routes.keySet().stream()
        .filter(Operation::api)
        .filter(o -> !apiOperations.containsKey(o))
        .forEach(
            o ->
                problems.add(
                    o
                        + " is handled by "
                        + routes.get(o).handler().getShortLogMessage()
                        + " but missing from the OpenAPI document (/v3/api-docs)"));
    apiOperations.keySet().stream()
        .filter(o -> !routes.containsKey(o))
        .forEach(o -> problems.add(o + " is in the OpenAPI document but no handler maps it"));
    Table expected = Table.read(AuthorizationMatrix.FILE, columns());
    operations().stream()
        .filter(o -> !expected.rows().containsKey(o))
        .forEach(
            o ->
                problems.add(
                    o
                        + " has no line in "
                        + AuthorizationMatrix.FILE
                        + ": add who may call it (see docs/security.md, The authorization matrix)"));
    expected.rows().keySet().stream()
        .filter(o -> !operations().contains(o))
        .forEach(
            o ->
                problems.add(
                    AuthorizationMatrix.FILE
                        + " lists "
                        + o
                        + ", which no longer exists; remove it"));
    if (!problems.isEmpty()) {
      fail(
          "The API and the console have operations the matrix does not know, or the reverse ("
              + problems.size()
              + "):\n  "
              + String.join("\n  ", problems));
    }
  }

  @Test
  void everyPrincipalPassesOrIsRefusedAsTheMatrixSays() throws Exception {
    Set<Operation> operations = operations();
    long started = System.nanoTime();
    Observed observed = probe(operations);
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf(
        "authorization matrix: %d operations, %d requests in %d ms%n",
        operations.size(), observed.requests, millis);
    observed.serverErrors.stream()
        .filter(e -> !e.contains(" /error "))
        .forEach(e -> System.out.println("  answered 5xx: " + e));
    if (WRITE) {
      observed.table.write(AuthorizationMatrix.FILE);
      System.out.println(
          "authorization matrix written to " + AuthorizationMatrix.FILE.toAbsolutePath());
      assertThat(observed.unreached)
          .as("calls that never reached their handler's role check; fix MatrixProbe's samples")
          .isEmpty();
      return;
    }
    assertThat(Files.exists(AuthorizationMatrix.FILE))
        .as("%s exists; make it with -Dservicebook.matrix.write=true", AuthorizationMatrix.FILE)
        .isTrue();
    Table expected = Table.read(AuthorizationMatrix.FILE, columns());
    List<String> problems = new ArrayList<>(expected.differences(observed.table));
    problems.addAll(observed.unreached);
    if (!problems.isEmpty()) {
      fail(
          "Principals let through or refused otherwise than "
              + AuthorizationMatrix.FILE
              + " says, or not tested ("
              + problems.size()
              + "):\n  "
              + String.join("\n  ", problems));
    }
  }

  /** What the calls showed: the matrix, and calls that say nothing or failed on the server. */
  record Observed(Table table, List<String> unreached, List<String> serverErrors, int requests) {}

  private Observed probe(Set<Operation> operations) throws Exception {
    Map<Operation, Sample> samples = new LinkedHashMap<>();
    for (Operation o : operations) {
      samples.put(
          o,
          o.api()
              ? MatrixProbe.api(o, apiOperations.get(o), openApi, consumes(o))
              : MatrixProbe.console(o, Optional.ofNullable(routes.get(o).handler())));
    }
    Map<Operation, String[]> cells = new ConcurrentHashMap<>();
    List<String> unreached = Collections.synchronizedList(new ArrayList<>());
    List<String> serverErrors = Collections.synchronizedList(new ArrayList<>());
    int requests = 0;
    // revocations and deletions last, though their placeholder ids exist nowhere
    List<List<Operation>> phases =
        List.of(
            operations.stream().filter(o -> !destructive(o)).toList(),
            operations.stream().filter(AuthorizationMatrixTests::destructive).toList());
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      for (List<Operation> phase : phases) {
        List<Future<?>> calls = new ArrayList<>();
        for (Operation o : phase) {
          cells.put(o, new String[principals.size()]);
          for (int c = 0; c < principals.size(); c++) {
            int column = c;
            Principal who = principals.get(c);
            if (!o.api() && who.session() == null) {
              cells.get(o)[column] = AuthorizationMatrix.NOT_APPLICABLE;
              continue;
            }
            requests++;
            calls.add(
                pool.submit(
                    () -> {
                      HttpResponse<String> answer = call(o, samples.get(o), who);
                      String outcome = outcome(o, answer);
                      cells.get(o)[column] = outcome;
                      Optional<String> marker = answer.headers().firstValue(MatrixProbe.UNREACHED);
                      if (marker.isPresent() && outcome.equals(AuthorizationMatrix.OK)) {
                        unreached.add(
                            o
                                + " as "
                                + who.column()
                                + ": answered "
                                + answer.statusCode()
                                + " for "
                                + marker.get()
                                + " before the handler's role check; give it a placeholder that"
                                + " binds (MatrixProbe)");
                      }
                      if (answer.statusCode() >= 500) {
                        serverErrors.add(o + " as " + who.column() + ": " + answer.statusCode());
                      }
                      return null;
                    }));
          }
        }
        for (Future<?> call : calls) {
          call.get();
        }
      }
    }
    Map<Operation, List<String>> rows = new TreeMap<>();
    cells.forEach((o, c) -> rows.put(o, List.of(c)));
    Collections.sort(unreached);
    Collections.sort(serverErrors);
    return new Observed(new Table(columns(), rows), unreached, serverErrors, requests);
  }

  private HttpResponse<String> call(Operation o, Sample sample, Principal who) throws Exception {
    HttpRequest.Builder request = sample.request(server.base);
    if (o.api()) {
      request.header("Accept", "application/json, application/problem+json, */*");
      if (who.token() != null) {
        request.header("Authorization", "Bearer " + who.token());
      }
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
    request.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
    if (!sample.method().equals("GET")) {
      request.header("X-CSRF-TOKEN", who.csrf());
    }
    return who.session().send(request);
  }

  private static String outcome(Operation o, HttpResponse<String> answer) {
    int status = answer.statusCode();
    if (status == 401) {
      return AuthorizationMatrix.UNAUTHENTICATED;
    }
    if (status == 403) {
      return AuthorizationMatrix.FORBIDDEN;
    }
    if (!o.api() && status / 100 == 3) {
      String location = answer.headers().firstValue("Location").orElse("");
      if (URI.create(location).getPath().equals("/login")) {
        return AuthorizationMatrix.LOGIN;
      }
    }
    return AuthorizationMatrix.OK;
  }

  /** The media types the operation's handler consumes, none if it takes any. */
  private List<String> consumes(Operation o) {
    return Optional.ofNullable(routes.get(o)).stream()
        .filter(r -> r.info() != null)
        .flatMap(r -> r.info().getConsumesCondition().getConsumableMediaTypes().stream())
        .map(Object::toString)
        .toList();
  }

  /** Revocations and deletions: sent after every other call. */
  private static boolean destructive(Operation o) {
    return o.method().equals("DELETE") || o.path().contains("revoke");
  }
}
