package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.audit.AuditLog;
import io.servicebook.server.security.Role;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The customer's profile and preferences, and the inbox's saved views, over real HTTP on every
 * database: H2 ({@link H2CustomerIntegrationTests}) and PostgreSQL ({@link
 * PostgresCustomerIntegrationTests}). Protocols read the preferences in conditions and scripts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CustomerContractTests {

  /** Applies only to customers who prefer the phone, and its script names their best time. */
  static final String BY_PREFERENCE =
      """
      protocol: call-back-by-preference
      title: Call back as the customer prefers
      owner: support-operations
      review_every: P6M
      applies_when: case.category == "call-back" && customer.preferences.preferred_channel == "phone"
      priority: 90
      channels: [email]
      languages: [en]
      steps:
        - id: call
          title: Call the customer back
          script: {en: "Call {{customer.first_name}} {{customer.preferences.best_time}} ({{customer.preferences.accessibility | default: \\"no needs noted\\"}})."}
      """;

  RunningServer server;

  abstract Map<String, String> database();

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    server =
        RunningServer.start(
            dir,
            database(),
            Map.of("servicebook.protocols", ServerContractTests.STARTER_PACK.toString()));
    RunningServer.Reply imported =
        server.post(
            "/api/v1/protocols/import",
            RunningServer.TOKEN,
            "application/zip",
            ServerContractTests.zip(Map.of("call-back-by-preference.yaml", BY_PREFERENCE)));
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private JsonNode open(String email, String category, String subject) throws Exception {
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("first_name", "Ana");
    customer.put("last_name", "García");
    customer.put("email", email);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", "email");
    body.put("category", category);
    body.put("subject", subject);
    body.put("message", "Please call me back about my order.");
    body.put("customer", customer);
    RunningServer.Reply reply =
        server.post(
            "/api/v1/cases",
            RunningServer.TOKEN,
            "application/json",
            RunningServer.JSON.writeValueAsBytes(body));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json();
  }

  private static String unique(String name) {
    return name + "-" + System.nanoTime();
  }

  private String newCustomer() throws Exception {
    return open(unique("ana") + "@example.com", "general", "A question")
        .get("customer")
        .get("id")
        .asString();
  }

  private static Map<String, Object> preferences() {
    Map<String, Object> p = new HashMap<>();
    p.put("preferred_channel", "phone");
    p.put("language", "es");
    p.put("best_time", "weekdays after 18:00");
    p.put("accessibility", "large print");
    p.put("note", "Prefers to speak with Marta.");
    return p;
  }

  @Test
  void preferencesAreKeptReadBackAndAudited() throws Exception {
    String id = newCustomer();
    RunningServer.Reply none =
        server.get("/api/v1/customers/" + id + "/preferences", RunningServer.TOKEN);
    assertThat(none.status()).isEqualTo(200);
    assertThat(none.json().get("preferred_channel").isNull()).isTrue();
    assertThat(none.json().get("note").isNull()).isTrue();

    String agent = server.tokenFor(unique("agent"), Role.AGENT);
    RunningServer.Reply put =
        server.put("/api/v1/customers/" + id + "/preferences", agent, preferences());
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(put.json().get("best_time").asString()).isEqualTo("weekdays after 18:00");

    JsonNode read = server.get("/api/v1/customers/" + id + "/preferences", agent).json();
    assertThat(read.get("preferred_channel").asString()).isEqualTo("phone");
    assertThat(read.get("language").asString()).isEqualTo("es");
    assertThat(read.get("accessibility").asString()).isEqualTo("large print");
    assertThat(read.get("note").asString()).isEqualTo("Prefers to speak with Marta.");
    JsonNode customer = server.get("/api/v1/customers/" + id, agent).json();
    assertThat(customer.get("preferences").get("language").asString()).isEqualTo("es");

    List<AuditLog.Entry> audit = server.bean(AuditLog.class).entries("customer", id);
    assertThat(audit)
        .anySatisfy(e -> assertThat(e.eventType()).isEqualTo("customer.preferences.changed"));

    // a name left out clears that preference
    RunningServer.Reply cleared =
        server.put(
            "/api/v1/customers/" + id + "/preferences", agent, Map.of("preferred_channel", "chat"));
    assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
    assertThat(cleared.json().get("preferred_channel").asString()).isEqualTo("chat");
    assertThat(cleared.json().get("note").isNull()).isTrue();
  }

  @Test
  void wrongPreferencesAreRefusedFieldByFieldAndChangeNothing() throws Exception {
    String id = newCustomer();
    assertThat(
            server
                .put("/api/v1/customers/" + id + "/preferences", RunningServer.TOKEN, preferences())
                .status())
        .isEqualTo(200);
    Map<String, Object> wrong = new HashMap<>();
    wrong.put("preferred_channel", "pigeon");
    wrong.put("language", "not a language");
    wrong.put("best_time", "x".repeat(201));
    wrong.put("accessibility", 42);
    wrong.put("note", "n".repeat(2001));
    wrong.put("shoe_size", "42");
    RunningServer.Reply refused =
        server.put("/api/v1/customers/" + id + "/preferences", RunningServer.TOKEN, wrong);
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    List<String> fields = new java.util.ArrayList<>();
    refused.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
    assertThat(fields)
        .containsExactlyInAnyOrder(
            "preferred_channel", "language", "best_time", "accessibility", "note", "shoe_size");
    refused.json().get("errors").forEach(e -> assertThat(e.get("message").asString()).isNotBlank());
    assertThat(refused.body()).contains("pigeon").contains("at most 200");

    JsonNode still =
        server.get("/api/v1/customers/" + id + "/preferences", RunningServer.TOKEN).json();
    assertThat(still.get("preferred_channel").asString()).isEqualTo("phone");
    assertThat(still.get("note").asString()).isEqualTo("Prefers to speak with Marta.");
  }

  @Test
  void rolesThatDoNotWorkCasesMayNotReadOrChangePreferences() throws Exception {
    String id = newCustomer();
    String author = server.tokenFor(unique("author"), Role.AUTHOR);
    String reviewer = server.tokenFor(unique("reviewer"), Role.REVIEWER);
    for (String token : List.of(author, reviewer)) {
      assertThat(server.get("/api/v1/customers/" + id + "/preferences", token).status())
          .isEqualTo(403);
      assertThat(
              server.put("/api/v1/customers/" + id + "/preferences", token, preferences()).status())
          .isEqualTo(403);
    }
    assertThat(server.get("/api/v1/customers/" + id + "/preferences", null).status())
        .isEqualTo(401);
    assertThat(
            server
                .put("/api/v1/customers/nobody/preferences", RunningServer.TOKEN, preferences())
                .status())
        .isEqualTo(404);
    assertThat(
            server
                .get("/api/v1/customers/" + id + "/preferences", RunningServer.TOKEN)
                .json()
                .get("preferred_channel")
                .isNull())
        .isTrue();
  }

  @Test
  void aProtocolsConditionAndScriptReadThePreferences() throws Exception {
    String email = unique("caller") + "@example.com";
    JsonNode before = open(email, "call-back", "Call me back");
    assertThat(before.get("protocol").isNull() ? "" : before.get("protocol").get("slug").asString())
        .as("the condition is false while the customer prefers nothing")
        .isNotEqualTo("call-back-by-preference");
    String id = before.get("customer").get("id").asString();
    Map<String, Object> phone = new HashMap<>();
    phone.put("preferred_channel", "phone");
    phone.put("best_time", "after 18:00");
    assertThat(
            server
                .put("/api/v1/customers/" + id + "/preferences", RunningServer.TOKEN, phone)
                .status())
        .isEqualTo(200);

    JsonNode after = open(email, "call-back", "Call me back, please");
    assertThat(after.get("protocol").get("slug").asString()).isEqualTo("call-back-by-preference");
    String run = after.get("run").get("id").asString();
    assertThat(script(run)).isEqualTo("Call Ana after 18:00 (no needs noted).");

    // the run reads the preferences as they are now
    phone.put("accessibility", "hard of hearing: speak slowly");
    assertThat(
            server
                .put("/api/v1/customers/" + id + "/preferences", RunningServer.TOKEN, phone)
                .status())
        .isEqualTo(200);
    assertThat(script(run)).isEqualTo("Call Ana after 18:00 (hard of hearing: speak slowly).");
  }

  private String script(String run) throws Exception {
    RunningServer.Reply reply = server.get("/api/v1/runs/" + run, RunningServer.TOKEN);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().get("current_step").get("script").asString();
  }

  // --- the console: the profile page and saved views ---

  private ConsoleSession signIn(Role role) throws Exception {
    String name = unique(role.name().toLowerCase(java.util.Locale.ROOT));
    server.tokenFor(name, role);
    ConsoleSession session = new ConsoleSession(server.base);
    session.login(name, "secret");
    return session;
  }

  /** The page a redirect after a form leads to, as the browser shows it (with its notice). */
  private static String follow(ConsoleSession session, HttpResponse<String> redirect)
      throws Exception {
    assertThat(redirect.statusCode()).isEqualTo(302);
    java.net.URI location =
        java.net.URI.create(redirect.headers().firstValue("Location").orElseThrow());
    String path =
        location.getRawPath()
            + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery());
    return session.get(path).body();
  }

  private static String csrf(String page) {
    Matcher m = ConsoleSession.CSRF.matcher(page);
    assertThat(m.find()).as("the page carries a CSRF token").isTrue();
    return m.group(1);
  }

  @Test
  void theProfileShowsTheCasesAndKeepsPreferencesAnAgentEdits() throws Exception {
    String email = unique("profile") + "@example.com";
    JsonNode first = open(email, "general", "Kettle lid cracked");
    String id = first.get("customer").get("id").asString();
    open(email, "general", "Where is my refund?");
    ConsoleSession agent = signIn(Role.AGENT);

    HttpResponse<String> page = agent.get("/customers/" + id);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("Ana García")
        .contains(email)
        .contains("Kettle lid cracked")
        .contains("Where is my refund?")
        .contains("href=\"/cases/" + first.get("id").asString() + "\"")
        .contains("id=\"customer-case-count\">2<");

    Map<String, String> form = new HashMap<>();
    form.put("_csrf", csrf(page.body()));
    form.put("preferred_channel", "sms");
    form.put("language", "de");
    form.put("best_time", "mornings");
    form.put("accessibility", "");
    form.put("note", "Call her Frau García.");
    HttpResponse<String> saved = agent.post("/customers/" + id + "/preferences", form, Map.of());
    assertThat(saved.statusCode()).isEqualTo(302);
    JsonNode kept =
        server.get("/api/v1/customers/" + id + "/preferences", RunningServer.TOKEN).json();
    assertThat(kept.get("preferred_channel").asString()).isEqualTo("sms");
    assertThat(kept.get("note").asString()).isEqualTo("Call her Frau García.");
    assertThat(kept.get("accessibility").isNull()).isTrue();
    assertThat(agent.get("/customers/" + id).body())
        .contains("Call her Frau García.")
        .contains("value=\"sms\" selected");

    form.put("language", "no language at all");
    form.put("note", "x".repeat(2001));
    HttpResponse<String> refused = agent.post("/customers/" + id + "/preferences", form, Map.of());
    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(refused.body())
        .contains("id=\"preferences-refused\"")
        .contains("id=\"pref-language-error\"")
        .contains("id=\"pref-note-error\"")
        .doesNotContain("id=\"pref-best_time-error\"")
        .contains("at most 2,000 characters")
        .contains("no language at all");
    assertThat(
            server
                .get("/api/v1/customers/" + id + "/preferences", RunningServer.TOKEN)
                .json()
                .get("note")
                .asString())
        .isEqualTo("Call her Frau García.");

    assertThat(agent.get("/customers/nobody-at-all").statusCode()).isEqualTo(404);
    // the case page and the inbox link to the profile
    assertThat(agent.get("/cases/" + first.get("id").asString()).body())
        .contains("href=\"/customers/" + id + "\"");
  }

  @Test
  void theProfileShowsTheSurveysAndCompensationOfEachCase() throws Exception {
    String email = unique("history") + "@example.com";
    JsonNode refund = open(email, "refund", "Refund for the broken kettle");
    String caseId = refund.get("id").asString();
    String id = refund.get("customer").get("id").asString();
    RunningServer.Reply asked =
        server.post(
            "/api/v1/cases/" + caseId + "/compensations",
            RunningServer.TOKEN,
            "application/json",
            RunningServer.JSON.writeValueAsBytes(
                Map.of("amount", "10.00", "currency", "EUR", "reason", "late delivery")));
    assertThat(asked.status()).as(asked.body()).isIn(201, 409, 422);
    String decision =
        server
            .get("/api/v1/cases/" + caseId + "/compensations", RunningServer.TOKEN)
            .json()
            .get("items")
            .get(0)
            .get("status")
            .asString();
    RunningServer.Reply resolved =
        server.post(
            "/api/v1/cases/" + caseId + "/status",
            RunningServer.TOKEN,
            "application/json",
            RunningServer.JSON.writeValueAsBytes(
                Map.of("status", "resolved", "reason", "refunded")));
    assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
    long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
    while (server
        .get("/api/v1/cases/" + caseId, RunningServer.TOKEN)
        .json()
        .get("surveys")
        .isEmpty()) {
      assertThat(System.nanoTime()).as("the survey was sent on resolution").isLessThan(until);
      Thread.sleep(100);
    }

    String page = signIn(Role.AGENT).get("/customers/" + id).body();
    Map<String, String> states =
        Map.of(
            "granted", "granted",
            "pending_approval", "waiting for approval",
            "refused", "refused",
            "rejected", "rejected by a supervisor");
    assertThat(page)
        .contains("10.00 EUR, " + states.get(decision))
        .containsPattern("Satisfaction \\(CSAT\\)|Recommendation \\(NPS\\)|Effort \\(CES\\)")
        .contains("waiting for an answer (sent ");
  }

  @Test
  void rolesThatDoNotWorkCasesDoNotSeeProfiles() throws Exception {
    String id = newCustomer();
    ConsoleSession author = signIn(Role.AUTHOR);
    assertThat(author.get("/customers/" + id).statusCode()).isEqualTo(403);
    HttpResponse<String> protocols = author.get("/protocols");
    Map<String, String> form = new HashMap<>(Map.of("_csrf", csrf(protocols.body()), "note", "x"));
    assertThat(author.post("/customers/" + id + "/preferences", form, Map.of()).statusCode())
        .isEqualTo(403);
    ConsoleSession supervisor = signIn(Role.SUPERVISOR);
    assertThat(supervisor.get("/customers/" + id).statusCode()).isEqualTo(200);
  }

  @Test
  void theConsoleSpeaksSpanishToThoseWhoAskAndEnglishToOtherLanguages() throws Exception {
    assertThat(new ConsoleSession(server.base, "es-ES,es;q=0.9").get("/login").body())
        .contains("<html lang=\"es\"")
        .contains("Inicia sesión en Servicebook");
    assertThat(new ConsoleSession(server.base, "pt-BR,es;q=0.8,en;q=0.5").get("/login").body())
        .as("the first language the console speaks")
        .contains("<html lang=\"es\"");
    assertThat(new ConsoleSession(server.base, "de-AT").get("/login").body())
        .contains("<html lang=\"de\"");
    assertThat(new ConsoleSession(server.base, "fr-FR").get("/login").body())
        .contains("<html lang=\"en\"")
        .contains("Sign in to Servicebook");
    assertThat(new ConsoleSession(server.base, "en").get("/login?lang=es").body())
        .contains("<html lang=\"es\"");
    assertThat(new ConsoleSession(server.base, "en").get("/login?lang=fr").body())
        .contains("<html lang=\"en\"");
  }

  @Test
  void anAgentSavesOpensRenamesAndDeletesInboxViews() throws Exception {
    ConsoleSession agent = signIn(Role.AGENT);
    String token = csrf(agent.get("/?status=open&channel=email").body());
    Map<String, String> save = new HashMap<>();
    save.put("_csrf", token);
    save.put("name", "Open e-mails");
    save.put("queue", "mine");
    save.put("status", "open");
    save.put("channel", "email");
    save.put("protocol", "");
    save.put("evil", "x");
    HttpResponse<String> saved = agent.post("/inbox/views", save, Map.of());
    assertThat(saved.statusCode()).isEqualTo(302);
    assertThat(saved.headers().firstValue("Location").orElseThrow())
        .endsWith("/?queue=mine&status=open&channel=email");

    String inbox = follow(agent, saved);
    assertThat(inbox)
        .contains("The view “Open e-mails” was saved.")
        .containsPattern(
            "href=\"/\\?queue=mine&amp;status=open&amp;channel=email\"[^>]*aria-current=\"page\"[^>]*>Open e-mails<");
    Matcher rename = java.util.regex.Pattern.compile("/inbox/views/(\\d+)/rename").matcher(inbox);
    assertThat(rename.find()).isTrue();
    String view = rename.group(1);

    // the same name again is refused, a blank name too
    assertThat(follow(agent, agent.post("/inbox/views", save, Map.of())))
        .contains("You have a view called “Open e-mails” already");
    save.put("name", "  ");
    assertThat(follow(agent, agent.post("/inbox/views", save, Map.of())))
        .contains("Give the view a name of 1 to 100 characters.");

    // another agent neither sees nor changes it
    ConsoleSession other = signIn(Role.AGENT);
    String otherInbox = other.get("/").body();
    assertThat(otherInbox).doesNotContain("Open e-mails");
    assertThat(
            follow(
                other,
                other.post(
                    "/inbox/views/" + view + "/delete",
                    Map.of("_csrf", csrf(otherInbox)),
                    Map.of())))
        .contains("You have no such view.");

    assertThat(
            follow(
                agent,
                agent.post(
                    "/inbox/views/" + view + "/rename",
                    Map.of("_csrf", token, "name", "Open mail"),
                    Map.of())))
        .contains("The view is now called “Open mail”.")
        .contains(">Open mail<")
        .doesNotContain(">Open e-mails<");
    assertThat(
            follow(
                agent,
                agent.post("/inbox/views/" + view + "/delete", Map.of("_csrf", token), Map.of())))
        .contains("The view “Open mail” was deleted.")
        .doesNotContain(">Open mail<");

    // without a CSRF token nothing is saved
    save.put("name", "Sneaky");
    save.remove("_csrf");
    assertThat(agent.post("/inbox/views", save, Map.of()).statusCode()).isEqualTo(403);
    assertThat(agent.get("/").body()).doesNotContain("Sneaky");
  }
}
