package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The supervisor view over real HTTP on the demo data, with the {@link SupervisorDrill} protocol
 * whose first response breaches two seconds after a case opens and escalates it: the case shows up
 * in its team's queue, in today's breaches, among the escalations and in its agent's load with the
 * numbers the database holds; agents get the 403 page; compensation waiting for approval is
 * approved from the page, and refused inline when there is no reason to refuse or the budget is
 * spent.
 */
class SupervisorPageTests {

  private static final Pattern CSRF = ConsoleSession.CSRF;

  private static Path data;
  private static RunningServer server;
  private static SupervisorDrill drill;

  @BeforeAll
  static void start() throws Exception {
    data = Files.createTempDirectory("supervisor-page");
    server = RunningServer.start(data, Map.of(), SupervisorDrill.SETTINGS);
    drill = SupervisorDrill.on(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aBreachedEscalatedCaseShowsInItsTeamQueueTodaysBreachesEscalationsAndItsAgentsLoad()
      throws Exception {
    String id = drill.openCase("drill-queue", "The parcel never came");
    ConsoleSession supervisor = new ConsoleSession(server.base);
    supervisor.login("supervisor", "demo");

    String page =
        awaitPage(supervisor, p -> row(p, "tr", "data-case-id", id).isPresent()).orElseThrow();

    Map<String, String> team = row(page, "tr", "data-team", "drill-queue").orElseThrow();
    assertThat(team)
        .containsEntry("data-open", "1")
        .containsEntry("data-unassigned", "0")
        .containsEntry("data-breached", "1")
        .containsEntry("data-soon", "0");
    assertThat(page).contains("href=\"/?queue=team&amp;team=drill-queue\"");
    String inbox = supervisor.get("/?queue=team&team=drill-queue").body();
    assertThat(inbox).contains("data-case-id=\"" + id + "\"", "Team drill-queue");

    Map<String, String> breach = row(page, "tr", "data-case-id", id).orElseThrow();
    assertThat(breach).containsEntry("data-target", "first_response");
    String breachRow = element(page, "tr", "data-case-id", id);
    assertThat(breachRow)
        .contains("The parcel never came", "First response", "supervisor-drill@1", ">agent<");

    String escalation = element(page, "li", "data-case-id", id);
    assertThat(escalation)
        .contains("The parcel never came", "Supervisor", "SLA breach", "by system")
        .contains("the first_response SLA was breached");

    JdbcClient jdbc = server.bean(JdbcClient.class);
    assertThat(row(page, "tr", "data-agent", "agent").orElseThrow())
        .containsEntry(
            "data-open",
            String.valueOf(
                count(
                    jdbc,
                    "SELECT COUNT(*) FROM service_case WHERE assignee = 'agent'"
                        + " AND status NOT IN ('RESOLVED', 'CLOSED')")));
    assertThat(page).contains("id=\"supervisor-day\" data-zone=\"UTC\"");
  }

  @Test
  void theDayAndItsBreachCountFollowTheTimeZoneTheBrowserReported() throws Exception {
    JdbcClient jdbc = server.bean(JdbcClient.class);
    ConsoleSession supervisor = new ConsoleSession(server.base);
    supervisor.login("supervisor", "demo");
    ZoneId kiritimati = ZoneId.of("Pacific/Kiritimati");
    supervisor.cookie("servicebook-tz", kiritimati.getId());

    LocalDate today = LocalDate.now(kiritimati);
    Timestamp since = Timestamp.from(today.atStartOfDay(kiritimati).toInstant());
    String breaches =
        "SELECT COUNT(*) FROM sla_firing WHERE kind = 'breach' AND fired_at >= :since";
    long before = jdbc.sql(breaches).param("since", since).query(Long.class).single();
    String page = supervisor.get("/supervisor").body();
    long after = jdbc.sql(breaches).param("since", since).query(Long.class).single();

    assertThat(page)
        .contains(
            "data-zone=\"Pacific/Kiritimati\" data-date=\"" + today + "\"",
            "Today, " + today + " (Pacific/Kiritimati)");
    Matcher shown =
        Pattern.compile("id=\"stat-breaches-today\"[^>]*><span class=\"sv-stat-value\">(\\d+)<")
            .matcher(page);
    assertThat(shown.find()).isTrue();
    assertThat(Long.parseLong(shown.group(1))).isBetween(before, after);
  }

  @Test
  void theGermanPageUsesGermanWords() throws Exception {
    ConsoleSession supervisor = new ConsoleSession(server.base, "de-DE,de;q=0.9");
    supervisor.login("supervisor", "demo");

    assertThat(supervisor.get("/supervisor").body())
        .contains("lang=\"de\"", "Übersicht für die Teamleitung", "Team-Warteschlangen")
        .contains("Auslastung der Mitarbeitenden", "SLA-Verletzungen heute");
  }

  @Test
  void agentsGetTheForbiddenPageAndNoNavigationLink() throws Exception {
    ConsoleSession agent = new ConsoleSession(server.base);
    agent.login("agent", "demo");

    HttpResponse<String> page = agent.get("/supervisor");

    assertThat(page.statusCode()).isEqualTo(403);
    assertThat(page.body()).contains("id=\"error-heading\"", "You may not do this");
    assertThat(agent.get("/").body()).doesNotContain("id=\"nav-supervisor\"");
    ConsoleSession supervisor = new ConsoleSession(server.base);
    supervisor.login("supervisor", "demo");
    assertThat(supervisor.get("/").body()).contains("id=\"nav-supervisor\" href=\"/supervisor\"");
  }

  @Test
  void approvingFromThePageGrantsTheCompensationAndTheRulesRefuseWhatTheBudgetCannotPay()
      throws Exception {
    drill.budget("drill-money", "30");
    String first = drill.requestCompensation(drill.openCase("drill-money", "Broken kettle"), "20");
    String second = drill.requestCompensation(drill.openCase("drill-money", "Broken lamp"), "25");
    ConsoleSession supervisor = new ConsoleSession(server.base);
    supervisor.login("supervisor", "demo");
    String page = supervisor.get("/supervisor").body();
    assertThat(element(page, "li", "data-approval", first))
        .contains("Broken kettle", "20.00 EUR", "Asked by agent", "Team drill-money");
    assertThat(page).contains("data-approval=\"" + second + "\"");

    decide(supervisor, first, "refuse", " ");
    page = supervisor.get("/supervisor").body();
    assertThat(element(page, "li", "data-approval", first))
        .contains("id=\"approval-error-" + first + "\"", "Say why you refuse the compensation.");
    assertThat(drill.compensationStatus(first)).isEqualTo("pending_approval");

    decide(supervisor, first, "approve", "");
    page = supervisor.get("/supervisor").body();
    assertThat(page)
        .contains("The compensation was approved and granted.")
        .doesNotContain("data-approval=\"" + first + "\"");
    assertThat(drill.compensationStatus(first)).isEqualTo("granted");

    decide(supervisor, second, "approve", "");
    page = supervisor.get("/supervisor").body();
    assertThat(element(page, "li", "data-approval", second))
        .contains("id=\"approval-error-" + second + "\"", "It cannot be approved now:", "budget");
    assertThat(drill.compensationStatus(second)).isEqualTo("pending_approval");
  }

  /** Posts an approval's form from the page, with the page's CSRF token. */
  private static void decide(ConsoleSession session, String id, String decision, String reason)
      throws IOException, InterruptedException {
    Matcher csrf = CSRF.matcher(session.get("/supervisor").body());
    assertThat(csrf.find()).isTrue();
    HttpResponse<String> answer =
        session.post(
            "/supervisor/approvals/" + id,
            Map.of("decision", decision, "reason", reason, "_csrf", csrf.group(1)),
            Map.of());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
    assertThat(answer.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).contains("/supervisor"));
  }

  private static Optional<String> awaitPage(ConsoleSession session, Predicate<String> shows)
      throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < end) {
      String page = session.get("/supervisor").body();
      if (shows.test(page)) {
        return Optional.of(page);
      }
      Thread.sleep(200);
    }
    return Optional.empty();
  }

  /** The data attributes of the first {@code tag} whose {@code attribute} is {@code value}. */
  private static Optional<Map<String, String>> row(
      String html, String tag, String attribute, String value) {
    Matcher open =
        Pattern.compile(
                "<" + tag + "\\s[^>]*" + attribute + "=\"" + Pattern.quote(value) + "\"[^>]*>")
            .matcher(html);
    if (!open.find()) {
      return Optional.empty();
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    Matcher each = Pattern.compile("(data-[a-z-]+)=\"([^\"]*)\"").matcher(open.group());
    while (each.find()) {
      attributes.put(each.group(1), each.group(2));
    }
    return Optional.of(attributes);
  }

  /** The markup of the first {@code tag} whose {@code attribute} is {@code value}, to its end. */
  private static String element(String html, String tag, String attribute, String value) {
    Matcher open =
        Pattern.compile("<" + tag + "\\s[^>]*" + attribute + "=\"" + Pattern.quote(value) + "\"")
            .matcher(html);
    assertThat(open.find()).as("a %s with %s=%s", tag, attribute, value).isTrue();
    int end = html.indexOf("</" + tag + ">", open.start());
    return html.substring(open.start(), end);
  }

  private static long count(JdbcClient jdbc, String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }
}
