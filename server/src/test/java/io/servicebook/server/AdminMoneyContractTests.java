package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.compensation.CompensationRules;
import io.servicebook.server.audit.AuditLog;
import io.servicebook.server.security.Role;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The administration's money, calendar and audit pages over real HTTP, run against every database
 * (H2 and PostgreSQL): budgets set on the page field by field with spent, reserved and left and the
 * ledger behind them, rolled over to a new month; calendars with the protocols using them, edited
 * through the pack's reader; the audit trail searched a page at a time and where its chain breaks.
 * Only admins reach them, and every change needs the form's CSRF token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AdminMoneyContractTests {

  private static final String ADMIN = "money-admin";
  private static final String AGENT = "money-agent";

  RunningServer server;
  String agentToken;
  String supervisorToken;

  abstract Map<String, String> database();

  @BeforeAll
  void start(@TempDir Path data) {
    server =
        RunningServer.start(
            data,
            database(),
            Map.of("servicebook.protocols", ServerContractTests.STARTER_PACK.toString()));
    server.tokenFor(ADMIN, Role.ADMIN);
    agentToken = server.tokenFor(AGENT, Role.AGENT);
    supervisorToken = server.tokenFor("money-supervisor", Role.SUPERVISOR);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void anAdminSetsABudgetFieldByFieldAndSeesWhatIsSpentReservedAndLeftWithTheLedger()
      throws Exception {
    ConsoleSession admin = signedIn(ADMIN);
    String team = "team-" + System.nanoTime();
    YearMonth month = month();
    String csrf = csrf(admin, "/admin/budgets");

    HttpResponse<String> refused =
        admin.post(
            "/admin/budgets",
            Map.of(
                "team",
                team,
                "month",
                month.toString(),
                "amount",
                "-5",
                "currency",
                "EURO",
                "_csrf",
                csrf),
            Map.of());
    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(refused.body())
        .contains("id=\"budget-amount-error\"", "id=\"budget-currency-error\"")
        .contains("must be zero or more", "not an ISO 4217 currency code")
        .contains("value=\"-5\"", "value=\"" + team + "\"");
    assertThat(budget(team, month).status()).as("nothing was stored").isEqualTo(404);

    HttpResponse<String> saved = setOnPage(admin, csrf, team, month, "100", "EUR");
    assertThat(saved.statusCode()).isEqualTo(302);
    assertThat(saved.headers().firstValue("Location").orElseThrow())
        .endsWith("/admin/budgets?month=" + month);
    assertThat(budget(team, month).json().get("budget").asString()).isEqualTo("100.00");
    assertThat(server.bean(AuditLog.class).entries("budget", team + "/" + month))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.eventType()).isEqualTo("budget.set");
              assertThat(e.actor()).isEqualTo(ADMIN);
            });

    String kase = openRefundCase(team);
    assertThat(ask(kase, "10").json().get("status").asString()).isEqualTo("granted");
    assertThat(ask(kase, "60").json().get("status").asString()).isEqualTo("pending_approval");

    String row = row(admin.get("/admin/budgets?month=" + month).body(), "budget-" + team);
    assertThat(row)
        .contains("data-state=\"set\"")
        .containsSubsequence("100.00 EUR", "10.00 EUR", "60.00 EUR", "30.00 EUR", ADMIN);

    String detail = admin.get("/admin/budgets/" + team + "/" + month).body();
    assertThat(detail)
        .contains("id=\"budget-left\">30.00 EUR<", "id=\"budget-reserved\">60.00 EUR<")
        .contains("class=\"ledger-line\"", "href=\"/cases/" + kase + "\"")
        .contains("class=\"pending-line\"");

    String change = "/admin/budgets/" + team + "/" + month;
    HttpResponse<String> below =
        admin.post(change, Map.of("amount", "5", "currency", "EUR", "_csrf", csrf), Map.of());
    assertThat(below.statusCode()).isEqualTo(200);
    assertThat(below.body())
        .contains("id=\"budget-amount-error\"", "already granted 10.00 EUR", "value=\"5\"");
    HttpResponse<String> otherCurrency =
        admin.post(change, Map.of("amount", "500", "currency", "USD", "_csrf", csrf), Map.of());
    assertThat(otherCurrency.body())
        .contains("id=\"budget-currency-error\"", "already granted compensation in EUR");
    assertThat(budget(team, month).json().get("budget").asString())
        .as("neither refused change was stored")
        .isEqualTo("100.00");

    HttpResponse<String> raised =
        admin.post(change, Map.of("amount", "150", "currency", "EUR", "_csrf", csrf), Map.of());
    assertThat(raised.statusCode()).isEqualTo(302);
    assertThat(budget(team, month).json().get("budget").asString()).isEqualTo("150.00");
  }

  @Test
  void aNewMonthsBudgetRollsOverFromTheTeamsLastOnce() throws Exception {
    ConsoleSession admin = signedIn(ADMIN);
    String team = "roll-" + System.nanoTime();
    YearMonth month = month();
    YearMonth next = month.plusMonths(1);
    assertThat(
            server
                .put(
                    "/api/v1/budgets/" + team + "/" + month,
                    RunningServer.TOKEN,
                    Map.of("amount", "250", "currency", "USD"))
                .status())
        .isEqualTo(200);

    String page = admin.get("/admin/budgets?month=" + next).body();
    String row = row(page, "budget-" + team);
    assertThat(row)
        .contains("data-state=\"none\"", "Roll over 250.00 USD from " + month)
        .contains("action=\"/admin/budgets/" + team + "/" + next + "/roll-over\"");

    String csrf = csrf(page);
    String rollOver = "/admin/budgets/" + team + "/" + next + "/roll-over";
    HttpResponse<String> rolled = admin.post(rollOver, Map.of("_csrf", csrf), Map.of());
    assertThat(rolled.statusCode()).isEqualTo(302);
    assertThat(budget(team, next).json().get("budget").asString()).isEqualTo("250.00");
    assertThat(budget(team, next).json().get("currency").asString()).isEqualTo("USD");
    List<AuditLog.Entry> trail = server.bean(AuditLog.class).entries("budget", team + "/" + next);
    assertThat(trail).singleElement().satisfies(e -> assertThat(e.actor()).isEqualTo(ADMIN));
    assertThat(trail.getFirst().details()).contains("\"rolled_over_from\":\"" + month + "\"");
    assertThat(admin.get("/admin/budgets?month=" + next).body())
        .contains("was rolled over from " + month + " to " + next);

    admin.post(rollOver, Map.of("_csrf", csrf), Map.of());
    assertThat(admin.get("/admin/budgets?month=" + next).body())
        .contains("already has a budget for " + next);
    assertThat(server.bean(AuditLog.class).entries("budget", team + "/" + next))
        .as("the second roll-over changed nothing")
        .hasSize(1);
  }

  @Test
  void onlyAdminsReachThePagesAndEveryChangeNeedsTheFormsCsrfToken() throws Exception {
    ConsoleSession agent = signedIn(AGENT);
    for (String page :
        List.of(
            "/admin/budgets",
            "/admin/budgets/support-eu/" + month(),
            "/admin/calendars",
            "/admin/calendars/eu-business",
            "/admin/audit")) {
      assertThat(agent.get(page).statusCode()).as(page).isEqualTo(403);
    }
    String agentCsrf = csrf(agent, "/");
    String team = "csrf-" + System.nanoTime();
    assertThat(
            agent
                .post(
                    "/admin/budgets",
                    Map.of(
                        "team",
                        team,
                        "month",
                        month().toString(),
                        "amount",
                        "9",
                        "currency",
                        "EUR",
                        "_csrf",
                        agentCsrf),
                    Map.of())
                .statusCode())
        .isEqualTo(403);

    ConsoleSession admin = signedIn(ADMIN);
    Map<String, String> form =
        Map.of("team", team, "month", month().toString(), "amount", "9", "currency", "EUR");
    assertThat(admin.post("/admin/budgets", form, Map.of()).statusCode()).isEqualTo(403);
    assertThat(
            admin
                .post(
                    "/admin/budgets/" + team + "/" + month().plusMonths(1) + "/roll-over",
                    Map.of(),
                    Map.of())
                .statusCode())
        .isEqualTo(403);
    assertThat(
            admin
                .post("/admin/calendars/eu-business", Map.of("source", "calendar: x"), Map.of())
                .statusCode())
        .isEqualTo(403);
    assertThat(admin.post("/admin/audit/verify", Map.of(), Map.of()).statusCode()).isEqualTo(403);
    assertThat(budget(team, month()).status()).as("nothing was stored").isEqualTo(404);
  }

  @Test
  void calendarsShowTheirWeekAndProtocolsAndAnEditIsReadAsThePackReadsIt() throws Exception {
    ConsoleSession admin = signedIn(ADMIN);
    String list = admin.get("/admin/calendars").body();
    assertThat(row(list, "calendar-eu-business"))
        .contains("Europe/Berlin", "37.5 business hours", "complaint-handling");
    assertThat(row(list, "calendar-always-open")).contains("Around the clock");

    HttpResponse<String> view = admin.get("/admin/calendars/eu-business");
    assertThat(view.statusCode()).isEqualTo(200);
    String page = view.body();
    assertThat(page)
        .contains("data-day=\"MONDAY\"", "09:00-12:30", "13:30-17:30", "hour hour-open")
        .contains("2026-12-25", "complaint-handling");
    String original = server.get("/api/v1/calendars/eu-business", RunningServer.TOKEN).body();
    String source = textarea(page);
    String csrf = csrf(page);

    String broken =
        source
            .replace("time_zone: Europe/Berlin", "time_zone: Europe/Bonn")
            .replace("saturday: []", "saturday: [\"25:00-26:00\"]");
    HttpResponse<String> refused =
        admin.post(
            "/admin/calendars/eu-business", Map.of("source", broken, "_csrf", csrf), Map.of());
    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(refused.body())
        .contains("id=\"calendar-errors\"", "2 problems; nothing was saved")
        .contains("`Europe/Bonn` is not a time zone.", "is not a valid interval")
        .containsPattern("data-line=\"3\" data-column=\"\\d+\"")
        .contains("Europe/Bonn");
    HttpResponse<String> renamed =
        admin.post(
            "/admin/calendars/eu-business",
            Map.of(
                "source",
                source.replace("calendar: eu-business", "calendar: eu-office"),
                "_csrf",
                csrf),
            Map.of());
    assertThat(renamed.body()).contains("cannot be renamed to `eu-office`", "data-line=\"1\"");
    assertThat(server.get("/api/v1/calendars/eu-business", RunningServer.TOKEN).body())
        .as("nothing was stored")
        .isEqualTo(original);

    HttpResponse<String> saved =
        admin.post(
            "/admin/calendars/eu-business",
            Map.of(
                "source",
                source.replace("saturday: []", "saturday: [\"10:00-14:00\"]"),
                "_csrf",
                csrf),
            Map.of());
    assertThat(saved.statusCode()).isEqualTo(302);
    JsonNode calendar = server.get("/api/v1/calendars/eu-business", RunningServer.TOKEN).json();
    assertThat(calendar.at("/hours/saturday/0").asString()).isEqualTo("10:00-14:00");
    assertThat(server.bean(AuditLog.class).entries("calendar", "eu-business"))
        .anySatisfy(
            e -> {
              assertThat(e.eventType()).isEqualTo("calendar.updated");
              assertThat(e.actor()).isEqualTo(ADMIN);
            });
    assertThat(admin.get("/admin/calendars/eu-business").body())
        .contains("The calendar was saved", "10:00-14:00");
  }

  @Test
  void theAuditTrailIsSearchedBySubjectActorAndTimeAPageAtATimeAndShowsWhereItBreaks()
      throws Exception {
    String prefix = "audit-" + System.nanoTime() + "-";
    for (int i = 0; i < 55; i++) {
      assertThat(
              server
                  .put(
                      "/api/v1/budgets/" + prefix + i + "/" + month(),
                      supervisorToken,
                      Map.of("amount", "10", "currency", "EUR"))
                  .status())
          .isEqualTo(200);
    }
    ConsoleSession admin = signedIn(ADMIN);
    String first = admin.get("/admin/audit?actor=money-supervisor").body();
    assertThat(rows(first)).hasSize(50);
    assertThat(first).doesNotContain("id=\"audit-newer\"").contains(prefix + "54/");
    Matcher older = Pattern.compile("id=\"audit-older\"[^>]*href=\"([^\"]+)\"").matcher(first);
    assertThat(older.find()).isTrue();
    String second = admin.get(older.group(1).replace("&amp;", "&")).body();
    assertThat(rows(second)).hasSize(5);
    assertThat(second)
        .contains(prefix + "0/", "id=\"audit-newer\"")
        .doesNotContain("id=\"audit-older\"");
    assertThat(rows(first)).doesNotContainAnyElementsOf(rows(second));

    String subject = prefix + "7/" + month();
    String bySubject = admin.get("/admin/audit?subject_type=budget&subject_id=" + subject).body();
    assertThat(rows(bySubject)).hasSize(1);
    assertThat(bySubject).contains("budget.set", "money-supervisor");
    assertThat(rows(admin.get("/admin/audit?actor=money-supervisor&from=2999-01-01T00:00").body()))
        .isEmpty();
    assertThat(
            rows(
                admin
                    .get(
                        "/admin/audit?actor=money-supervisor&from=2000-01-01T00:00&until=2999-01-01T00:00")
                    .body()))
        .hasSize(50);
    String bad = admin.get("/admin/audit?from=yesterday").body();
    assertThat(bad)
        .contains("id=\"audit-from-error\"", "yesterday")
        .doesNotContain("class=\"audit-row");

    long rowId = Long.parseLong(rows(bySubject).getFirst());
    JdbcClient jdbc = server.bean(JdbcClient.class);
    jdbc.sql("UPDATE audit_event SET actor = 'mallory' WHERE id = :id").param("id", rowId).update();
    try {
      String csrf = csrf(admin, "/admin/audit");
      assertThat(admin.post("/admin/audit/verify", Map.of("_csrf", csrf), Map.of()).statusCode())
          .isEqualTo(302);
      String broken = admin.get("/admin/audit?subject_type=budget&subject_id=" + subject).body();
      assertThat(broken).contains("id=\"audit-broken\"", "id=\"audit-breaks\"");
      assertThat(row(broken, "audit-breaks"))
          .contains("data-row=\"" + rowId + "\"", "budget " + subject, "hash-mismatch");
      assertThat(broken)
          .containsPattern("class=\"audit-row audit-row-broken\" data-row=\"" + rowId);
    } finally {
      jdbc.sql("UPDATE audit_event SET actor = 'money-supervisor' WHERE id = :id")
          .param("id", rowId)
          .update();
    }
    String csrf = csrf(admin, "/admin/audit");
    admin.post("/admin/audit/verify", Map.of("_csrf", csrf), Map.of());
    assertThat(admin.get("/admin/audit").body()).contains("id=\"audit-intact\"");
  }

  // --- helpers ---

  private ConsoleSession signedIn(String user) throws Exception {
    ConsoleSession session = new ConsoleSession(server.base);
    session.login(user, "secret");
    return session;
  }

  private YearMonth month() {
    return CompensationRules.budgetMonth(server.bean(Clock.class).instant());
  }

  private static String csrf(ConsoleSession session, String page) throws Exception {
    return csrf(session.get(page).body());
  }

  private static String csrf(String page) {
    Matcher csrf = ConsoleSession.CSRF.matcher(page);
    assertThat(csrf.find()).as("the page carries a CSRF token").isTrue();
    return csrf.group(1);
  }

  private static HttpResponse<String> setOnPage(
      ConsoleSession admin,
      String csrf,
      String team,
      YearMonth month,
      String amount,
      String currency)
      throws Exception {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("team", team);
    form.put("month", month.toString());
    form.put("amount", amount);
    form.put("currency", currency);
    form.put("_csrf", csrf);
    return admin.post("/admin/budgets", form, Map.of());
  }

  private RunningServer.Reply budget(String team, YearMonth month) throws Exception {
    return server.get("/api/v1/budgets/" + team + "/" + month, RunningServer.TOKEN);
  }

  private String openRefundCase(String team) throws Exception {
    RunningServer.Reply opened =
        server.postJson(
            "/api/v1/cases",
            agentToken,
            Map.of(
                "channel", "email",
                "category", "refund",
                "subject", "The kettle arrived broken",
                "message", "The lid is cracked.",
                "customer",
                    Map.of("first_name", "Ana", "last_name", "Ruiz", "email", "ana@example.com")));
    assertThat(opened.status()).as(opened.body()).isEqualTo(201);
    String id = opened.json().get("id").asString();
    RunningServer.Reply assigned =
        server.postJson("/api/v1/cases/" + id + "/assignee", agentToken, Map.of("team", team));
    assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
    return id;
  }

  private RunningServer.Reply ask(String caseId, String amount) throws Exception {
    return server.postJson(
        "/api/v1/cases/" + caseId + "/compensations",
        agentToken,
        Map.of("amount", amount, "currency", "EUR", "reason", "the parcel came late"));
  }

  /** The element with the id, from its start tag to the end of its table row or section. */
  private static String row(String page, String id) {
    int start = page.indexOf("id=\"" + id + "\"");
    assertThat(start).as("the page has #" + id).isNotNegative();
    int end = page.indexOf("</tr>", start);
    int table = page.indexOf("</table>", start);
    if (page.substring(start, Math.min(start + 200, page.length())).contains("<thead")
        || id.equals("audit-breaks")) {
      end = table;
    }
    return page.substring(start, end < 0 ? page.length() : end);
  }

  /** The row ids of the audit search's results, newest first. */
  private static List<String> rows(String page) {
    return Pattern.compile("class=\"audit-row[^\"]*\" data-row=\"(\\d+)\"")
        .matcher(page)
        .results()
        .map(m -> m.group(1))
        .toList();
  }

  private static String textarea(String page) {
    Matcher m =
        Pattern.compile("(?s)<textarea id=\"calendar-source\"[^>]*>(.*?)</textarea>").matcher(page);
    assertThat(m.find()).isTrue();
    return org.springframework.web.util.HtmlUtils.htmlUnescape(m.group(1)).replaceFirst("^\n", "");
  }
}
