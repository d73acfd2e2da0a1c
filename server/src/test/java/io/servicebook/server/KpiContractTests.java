package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.cases.Case;
import io.servicebook.cases.CaseStatus;
import io.servicebook.cases.Interaction;
import io.servicebook.protocol.Channel;
import io.servicebook.protocol.Priority;
import io.servicebook.server.cases.Cases;
import io.servicebook.server.cases.NewCase;
import io.servicebook.server.demo.DemoClock;
import io.servicebook.server.security.Role;
import io.servicebook.server.security.UserAccounts;
import java.net.http.HttpResponse;
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
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The KPI endpoints over real HTTP, run against every database: H2 ({@link H2KpiIntegrationTests})
 * and PostgreSQL ({@link PostgresKpiIntegrationTests}). Seven cases of a drill protocol with known
 * outcomes: five opened three hours ago and answered after 60 s, 120 s, 300 s, 90 min and never
 * (written at their past moments through the server's own services, as the demo does), one
 * escalated and one whose run skips a step with a reason and resolves the case, through the API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KpiContractTests {

  /** Answers first within an hour, resolves within a day, every hour counting. */
  static final String DRILL =
      """
      protocol: kpi-drill
      title: KPI drill
      owner: support-operations
      review_every: P6M
      applies_when: case.category == "kpi-drill"
      priority: 90
      channels: [email, chat]
      languages: [en]
      sla: {first_response: PT1H, resolution: PT24H}
      steps:
        - id: greet
          title: Greet the customer
          script: {en: "Hello, we are on it."}
          skippable: true
        - id: check
          title: Check the order
          script: {en: "Let me check your order."}
        - id: close
          title: Close the case
          script: {en: "All done, thank you."}
          action: {resolve: true}
      benchmarks: {escalation_rate: "<= 0.5", first_response_p90: "<= PT1H"}
      """;

  /** The drill again under another name, for a test that opens its own case. */
  static final String FRESH =
      DRILL
          .replace("protocol: kpi-drill", "protocol: kpi-fresh")
          .replace("\"kpi-drill\"", "\"kpi-fresh\"");

  static final String KPIS = "/api/v1/kpis?protocol=kpi-drill";

  /** The drill again, for the cases resolved before anyone answered them. */
  static final String SILENT =
      DRILL
          .replace("protocol: kpi-drill", "protocol: kpi-silent")
          .replace("\"kpi-drill\"", "\"kpi-silent\"");

  /** A protocol whose title needs quoting in CSV. */
  static final String QUOTED =
      DRILL
          .replace("protocol: kpi-drill", "protocol: kpi-quoted")
          .replace("title: KPI drill", "title: 'Refunds, \"express\"'")
          .replace("\"kpi-drill\"", "\"kpi-quoted\"");

  /** A protocol published twice, for the version comparison. */
  static final String VERSIONED =
      DRILL
          .replace("protocol: kpi-drill", "protocol: kpi-versions")
          .replace("\"kpi-drill\"", "\"kpi-versions\"");

  RunningServer server;
  String answered60;
  String answered120;
  String answered300;
  String answeredLate;
  String unanswered;
  String escalated;
  String skipped;
  String supervisor;
  String agent;
  String silentInTime;
  String silentLate;
  String answeredThenResolved;
  String reopenedThenAnswered;

  abstract Map<String, String> database();

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    server =
        RunningServer.start(
            dataDir,
            database(),
            Map.of(
                "servicebook.protocols",
                ServerContractTests.STARTER_PACK.toString(),
                "servicebook.timers.polling-interval",
                "PT0.1S"));
    RunningServer.Reply imported =
        server.post(
            "/api/v1/protocols/import",
            RunningServer.TOKEN,
            "application/zip",
            ServerContractTests.zip(
                Map.of(
                    "kpi-drill.yaml", DRILL,
                    "kpi-fresh.yaml", FRESH,
                    "kpi-quoted.yaml", QUOTED,
                    "kpi-versions.yaml", VERSIONED,
                    "kpi-silent.yaml", SILENT)));
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    RunningServer.Reply second =
        server.post(
            "/api/v1/protocols/import",
            RunningServer.TOKEN,
            "application/zip",
            ServerContractTests.zip(
                Map.of(
                    "kpi-versions.yaml",
                    VERSIONED.replace("title: KPI drill", "title: KPI versions"))));
    assertThat(second.status()).as(second.body()).isEqualTo(200);
    supervisor = tokenFor("kpi-supervisor", Role.SUPERVISOR);
    agent = tokenFor("kpi-agent", Role.AGENT);

    Instant opened = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(3));
    answered60 = openedAt(opened, Channel.EMAIL);
    answerAt(answered60, opened.plusSeconds(60));
    resolveAt(answered60, opened.plusSeconds(600));
    answered120 = openedAt(opened, Channel.EMAIL);
    answerAt(answered120, opened.plusSeconds(120));
    answered300 = openedAt(opened, Channel.CHAT);
    answerAt(answered300, opened.plusSeconds(300));
    answeredLate = openedAt(opened, Channel.CHAT);
    answerAt(answeredLate, opened.plus(Duration.ofMinutes(90)));
    unanswered = openedAt(opened, Channel.EMAIL);

    escalated = open("chat");
    RunningServer.Reply escalation =
        postJson(
            "/api/v1/cases/" + escalated + "/escalations",
            Map.of("reason", "the customer asked for a manager"));
    assertThat(escalation.status()).as(escalation.body()).isEqualTo(201);

    skipped = open("email");
    String run =
        server.get("/api/v1/cases/" + skipped, RunningServer.TOKEN).json().at("/run/id").asString();
    assertOk(
        postJson(
            "/api/v1/runs/" + run + "/steps/greet/skip", Map.of("reason", "Customer in a hurry")));
    assertOk(postJson("/api/v1/runs/" + run + "/steps/check", Map.of()));
    assertOk(postJson("/api/v1/runs/" + run + "/steps/close", Map.of()));
    assertThat(server.get("/api/v1/cases/" + skipped, RunningServer.TOKEN).json().get("status"))
        .hasToString("\"resolved\"");

    // the two resolved customers are asked how it went; one answers 5, the other 2. The invitation
    // is an automated message: it must not count as the first response of `skipped`, which no
    // agent answered (its first-response clock stopped at the resolution, in time: met)
    answerCsat(answered60, 5);
    answerCsat(skipped, 2);

    // kpi-silent: resolved in 20 min and in 90 min without a reply; answered after 10 min and
    // resolved; resolved in 20 min without a reply, reopened by the customer and answered then
    silentInTime = openedAt(opened, Channel.EMAIL, "kpi-silent");
    resolveAt(silentInTime, opened.plus(Duration.ofMinutes(20)));
    silentLate = openedAt(opened, Channel.EMAIL, "kpi-silent");
    resolveAt(silentLate, opened.plus(Duration.ofMinutes(90)));
    answeredThenResolved = openedAt(opened, Channel.EMAIL, "kpi-silent");
    answerAt(answeredThenResolved, opened.plus(Duration.ofMinutes(10)));
    resolveAt(answeredThenResolved, opened.plus(Duration.ofMinutes(30)));
    reopenedThenAnswered = openedAt(opened, Channel.EMAIL, "kpi-silent");
    resolveAt(reopenedThenAnswered, opened.plus(Duration.ofMinutes(20)));
    writeAt(reopenedThenAnswered, opened.plus(Duration.ofMinutes(60)));
    replyAt(reopenedThenAnswered, opened.plus(Duration.ofMinutes(70)));
  }

  /** Sends a CSAT survey about the case by hand and answers it as the customer, without a login. */
  private void answerCsat(String caseId, int score) throws Exception {
    RunningServer.Reply sent =
        postJson("/api/v1/cases/" + caseId + "/surveys", Map.of("kind", "csat"));
    assertThat(sent.status()).as(sent.body()).isEqualTo(201);
    RunningServer.Reply answered =
        server.postJson(
            "/api/v1/surveys/" + sent.json().get("token").asString() + "/responses",
            null,
            Map.of("score", score));
    assertThat(answered.status()).as(answered.body()).isEqualTo(201);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  // --- the numbers ---

  @Test
  void countsCasesResolvedAndEscalated() throws Exception {
    JsonNode kpis = kpis("");

    assertThat(kpis.get("cases").asLong()).isEqualTo(7);
    assertThat(kpis.get("resolved").asLong()).isEqualTo(2);
    assertThat(kpis.get("resolution_rate").asDouble()).isEqualTo(2.0 / 7);
    assertThat(kpis.get("escalation_rate").asDouble()).isEqualTo(1.0 / 7);
  }

  @Test
  void firstResponsePercentilesAreNearestRankOverTheAnsweredCases() throws Exception {
    JsonNode kpis = kpis("");

    // 60, 120, 300, 5400 s: p50 is the 2nd (⌈0.5·4⌉), p90 the 4th (⌈0.9·4⌉)
    assertThat(kpis.get("first_response_p50_seconds").asLong()).isEqualTo(120);
    assertThat(kpis.get("first_response_p90_seconds").asLong()).isEqualTo(5400);
    assertThat(kpis.get("first_response_wall_p50_seconds").asLong()).isEqualTo(120);
  }

  @Test
  void slaAttainmentCountsDecidedCyclesPerTarget() throws Exception {
    JsonNode sla = kpis("").get("sla_attainment");

    // first response: three answered in time, and `skipped`, resolved by its run within the hour
    // before anyone answered, met; answered after 90 min and never answered are breached; the
    // escalated case's clock still runs and is left out
    assertThat(sla.get("first_response").asDouble()).isEqualTo(4.0 / 6);
    assertThat(sla.get("resolution").asDouble()).isEqualTo(1.0);
    assertThat(sla.get("next_response").isNull()).isTrue();
  }

  @Test
  void adherenceCountsAReasonedSkipAsExplainedAndAResolveMidRunAsNot() throws Exception {
    JsonNode kpis = kpis("");

    assertThat(kpis.get("adherence").asDouble()).isEqualTo(0.5);
    assertThat(kpis.get("runs_without_deviation").asDouble()).isEqualTo(0.0);
    assertThat(kpis.get("deviations").valueStream().map(JsonNode::toString).toList())
        .contains(
            "{\"step\":\"greet\",\"reason\":\"customer in a hurry\",\"count\":1}",
            "{\"step\":\"greet\",\"reason\":null,\"count\":1}");
  }

  @Test
  void aCycleResolvedBeforeAnyReplyMeetsOrBreachesItsFirstResponseButHasNoFirstResponseTime()
      throws Exception {
    String silent = "/api/v1/kpis?protocol=kpi-silent";
    JsonNode kpis = get(silent);

    assertThat(kpis.get("cases").asLong()).isEqualTo(4);
    // resolving stopped the first-response clock: in time it is met, after the due time breached
    assertThat(kpis.at("/sla_attainment/first_response").asDouble()).isEqualTo(3.0 / 4);
    assertThat(ids(get("/api/v1/kpis/cases?protocol=kpi-silent&kpi=first_response_met")))
        .containsExactlyInAnyOrder(silentInTime, answeredThenResolved, reopenedThenAnswered);
    assertThat(ids(get("/api/v1/kpis/cases?protocol=kpi-silent&kpi=first_response_breached")))
        .containsExactly(silentLate);
    // only a reply before the first resolution is a first response: one case, 600 s (the reply
    // after the reopen answers the customer's new message, a next response)
    assertThat(ids(get("/api/v1/kpis/cases?protocol=kpi-silent&kpi=first_responded")))
        .containsExactly(answeredThenResolved);
    assertThat(kpis.get("first_response_p50_seconds").asLong()).isEqualTo(600);
    assertThat(kpis.get("first_response_p90_seconds").asLong()).isEqualTo(600);
    assertThat(kpis.get("first_response_wall_p90_seconds").asLong()).isEqualTo(600);
    // the rollups count these cycles as the cases do
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String odd =
        "&from=" + now.minus(Duration.ofHours(5)).plusSeconds(7) + "&to=" + now.plusSeconds(3607);
    JsonNode cases = get(silent + odd);
    assertThat(kpis.get("computed_from").asString()).isEqualTo("rollups");
    assertThat(cases.get("computed_from").asString()).isEqualTo("cases");
    assertThat(DemoHistoryTests.withoutWindow(kpis))
        .isEqualTo(DemoHistoryTests.withoutWindow(cases));
  }

  @Test
  void csatCountsTheAnsweredSurveysOfTheCases() throws Exception {
    JsonNode kpis = kpis("");

    assertThat(kpis.get("csat_avg").asDouble()).isEqualTo(3.5);
    assertThat(kpis.get("csat_responses").asLong()).isEqualTo(2);
    assertThat(kpis.get("nps").isNull()).as("no NPS survey was sent").isTrue();
    assertThat(ids(drill("&kpi=csat_answered"))).containsExactlyInAnyOrder(answered60, skipped);
  }

  @Test
  void groupsByChannel() throws Exception {
    JsonNode groups = kpis("&by=channel").get("groups");

    assertThat(groups.valueStream().map(g -> g.get("key").asString()).toList())
        .containsExactly("chat", "email");
    JsonNode chat = groups.get(0);
    assertThat(chat.get("cases").asLong()).isEqualTo(3);
    assertThat(chat.get("resolved").asLong()).isZero();
    assertThat(chat.get("escalation_rate").asDouble()).isEqualTo(1.0 / 3);
    assertThat(chat.at("/sla_attainment/first_response").asDouble()).isEqualTo(0.5);
    JsonNode email = groups.get(1);
    assertThat(email.get("cases").asLong()).isEqualTo(4);
    assertThat(email.get("resolved").asLong()).isEqualTo(2);
    assertThat(email.get("first_response_p50_seconds").asLong()).isEqualTo(60);
    assertThat(email.at("/sla_attainment/first_response").asDouble()).isEqualTo(3.0 / 4);
  }

  @Test
  void csvHasAHeaderAndOneRowPerGroup() throws Exception {
    RunningServer.Reply byFormat = server.get(KPIS + "&by=channel&format=csv", supervisor);
    RunningServer.Reply byAccept = server.get(KPIS + "&by=channel", supervisor, "text/csv");

    assertThat(byFormat.status()).as(byFormat.body()).isEqualTo(200);
    assertThat(byFormat.contentType()).startsWith("text/csv");
    assertThat(byAccept.body()).isEqualTo(byFormat.body());
    List<String> lines = List.of(byFormat.body().split("\r\n"));
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0))
        .startsWith("channel,cases,resolved,resolution_rate,first_response_p50_seconds,")
        .contains(",sla_attainment_first_response,sla_attainment_next_response,");
    assertThat(lines.get(1)).startsWith("chat,3,0,0.0,");
    assertThat(lines.get(2)).startsWith("email,4,2,0.5,60,");
  }

  @Test
  void drillsDownToTheCasesBehindANumber() throws Exception {
    assertThat(ids(drill("&kpi=escalation_rate"))).containsExactly(escalated);
    assertThat(ids(drill("&kpi=sla_breached")))
        .containsExactlyInAnyOrderElementsOf(List.of(answeredLate, unanswered));
    assertThat(ids(drill("&kpi=sla_breached&by=channel&group=email"))).containsExactly(unanswered);
    assertThat(ids(drill("&kpi=not_adherent"))).containsExactly(answered60);
    assertThat(ids(drill("&kpi=resolved")))
        .containsExactlyInAnyOrderElementsOf(List.of(answered60, skipped));
  }

  @Test
  void drillsDownToTheCasesThatDeviatedAtAStep() throws Exception {
    // `skipped` skipped greet for "Customer in a hurry"; `answered60` was resolved while its run
    // stood on greet: a deviation there without a reason
    JsonNode hurry = drill("&step=greet&reason=%20Customer%20in%20a%20%20HURRY");
    assertThat(ids(hurry)).containsExactly(skipped);
    assertThat(hurry.get("step").asString()).isEqualTo("greet");
    assertThat(hurry.get("reason").asString()).as("normalised").isEqualTo("customer in a hurry");
    assertThat(hurry.get("count").asInt()).isEqualTo(1);
    assertThat(hurry.get("deviation_count").asLong()).isEqualTo(1);
    assertThat(hurry.has("kpi")).isFalse();

    JsonNode none = drill("&step=greet&reason=");
    assertThat(ids(none)).containsExactly(answered60);
    assertThat(none.get("reason").asString()).isEmpty();

    JsonNode any = drill("&step=greet");
    assertThat(ids(any)).containsExactlyInAnyOrder(answered60, skipped);
    assertThat(any.get("reason").isNull()).as("any reason").isTrue();
    assertThat(any.get("deviation_count").asLong()).isEqualTo(2);

    assertThat(ids(drill("&step=greet&by=channel&group=email")))
        .containsExactlyInAnyOrder(answered60, skipped);
    assertThat(ids(drill("&step=greet&reason=&by=channel&group=chat"))).isEmpty();
    JsonNode nowhere = drill("&step=no-such-step");
    assertThat(nowhere.get("count").asInt()).as("an unknown step is no error").isZero();
    assertThat(ids(nowhere)).isEmpty();
    assertThat(ids(drill("&step=check&reason=customer%20in%20a%20hurry"))).isEmpty();
  }

  @Test
  void aDrillDownByKpiKeepsItsAnswer() throws Exception {
    JsonNode escalation = drill("&kpi=Escalation_Rate");

    assertThat(escalation.propertyNames())
        .containsExactly(
            "protocol", "version", "from", "to", "zone", "by", "kpi", "group", "count", "cases");
    assertThat(escalation.get("kpi").asString()).isEqualTo("escalation_rate");
  }

  @Test
  void healthEvaluatesTheBenchmarksWithEvidence() throws Exception {
    RunningServer.Reply reply = server.get("/api/v1/protocols/kpi-drill/health", supervisor);

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    JsonNode health = reply.json();
    assertThat(health.get("cases").asLong()).isEqualTo(7);
    // 7 cases are fewer than the minimum sample of 30
    assertThat(health.get("status").asString()).isEqualTo("not_enough_data");
    JsonNode escalation = health.get("checks").get(0);
    assertThat(escalation.get("kpi").asString()).isEqualTo("escalation_rate");
    assertThat(escalation.get("n").asLong()).isEqualTo(7);
    assertThat(escalation.get("evidence").asString()).contains("escalation_rate is 0.1429");
    assertThat(server.get("/api/v1/protocols/nope/health", supervisor).status()).isEqualTo(404);
  }

  @Test
  void comparesTwoVersions() throws Exception {
    RunningServer.Reply reply =
        server.get("/api/v1/kpis/compare?protocol=kpi-drill&a=1&b=1", supervisor);

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    JsonNode escalation =
        reply
            .json()
            .get("differences")
            .valueStream()
            .filter(d -> d.get("kpi").asString().equals("escalation_rate"))
            .findFirst()
            .orElseThrow();
    assertThat(escalation.at("/a/n").asLong()).isEqualTo(7);
    assertThat(escalation.get("not_enough_data").asBoolean()).isTrue();
  }

  @Test
  void aReportAskedAgainAfterAChangeCountsTheChange() throws Exception {
    String path = "/api/v1/kpis?protocol=kpi-fresh";
    assertThat(server.get(path, supervisor).json().get("cases").asLong()).isZero();

    open("email", "kpi-fresh");

    assertThat(server.get(path, supervisor).json().get("cases").asLong()).isEqualTo(1);
  }

  @Test
  void theRollupsKeptAsCasesChangeGiveTheNumbersOfTheCasesThemselves() throws Exception {
    // the default window is whole days, which the rollups answer; a window from an odd second
    // (still holding every case of the drill) is counted from the cases themselves
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String odd =
        "&from=" + now.minus(Duration.ofHours(5)).plusSeconds(7) + "&to=" + now.plusSeconds(3607);
    for (String by : List.of("", "&by=channel", "&by=week,version", "&by=agent")) {
      JsonNode rollups = kpis(by);
      JsonNode cases = kpis(by + odd);

      assertThat(rollups.get("computed_from").asString()).isEqualTo("rollups");
      assertThat(cases.get("computed_from").asString()).isEqualTo("cases");
      assertThat(DemoHistoryTests.withoutWindow(rollups))
          .as(by)
          .isEqualTo(DemoHistoryTests.withoutWindow(cases));
    }
  }

  @Test
  void twoCaseDimensionsAtOnceAreCountedFromTheCases() throws Exception {
    JsonNode kpis = kpis("&by=channel,agent");

    assertThat(kpis.get("computed_from").asString()).isEqualTo("cases");
    assertThat(kpis.get("cases").asLong()).isEqualTo(7);
  }

  // --- who may ask, and what is refused ---

  @Test
  void needsATokenAndALeadingRole() throws Exception {
    assertThat(server.get(KPIS, null).status()).isEqualTo(401);
    assertThat(server.get(KPIS, agent).status()).isEqualTo(403);
    assertThat(server.get("/api/v1/protocols/kpi-drill/health", agent).status()).isEqualTo(403);
    assertThat(server.get(KPIS, supervisor).status()).isEqualTo(200);
    assertThat(server.get(KPIS, tokenFor("kpi-author", Role.AUTHOR)).status()).isEqualTo(200);
  }

  @Test
  void refusesABadQueryNamingTheParameter() throws Exception {
    assertRefused("/api/v1/kpis?protocol=nope", "protocol");
    assertRefused(KPIS + "&version=9", "version");
    assertRefused(KPIS + "&by=colour", "by");
    assertRefused(KPIS + "&from=yesterday", "from");
    assertRefused(KPIS + "&zone=Mars/Olympus", "zone");
    assertRefused(KPIS + "&from=2026-11-20&to=2026-11-10", "to");
    assertRefused("/api/v1/kpis/cases?protocol=kpi-drill&kpi=happiness", "kpi");
    assertRefused("/api/v1/kpis/cases?protocol=kpi-drill", "kpi");
    assertRefused("/api/v1/kpis/cases?protocol=kpi-drill&kpi=resolved&step=greet", "step");
    assertRefused("/api/v1/kpis/cases?protocol=kpi-drill&reason=in%20a%20hurry", "reason");
    assertRefused("/api/v1/kpis/cases?protocol=kpi-drill&kpi=resolved&reason=", "reason");
    assertRefused("/api/v1/kpis/cases?protocol=kpi-drill&step=greet&version=x", "version");
    assertRefused("/api/v1/kpis/compare?protocol=kpi-drill&a=1", "b");
  }

  @Test
  void allProtocolsAndAnExplicitWindowWork() throws Exception {
    RunningServer.Reply all = server.get("/api/v1/kpis", supervisor);
    RunningServer.Reply past =
        server.get(KPIS + "&from=2020-01-01&to=2020-01-31&zone=Europe/Berlin", supervisor);

    assertThat(all.json().get("cases").asLong()).isGreaterThanOrEqualTo(7);
    assertThat(past.json().get("cases").asLong()).isZero();
    assertThat(past.json().get("from").asString()).isEqualTo("2019-12-31T23:00:00Z");
    assertThat(past.json().get("to").asString()).isEqualTo("2020-01-31T23:00:00Z");
    assertThat(past.json().get("escalation_rate").isNull()).isTrue();
  }

  // --- the dashboard in the console: charts, CSV, the cases behind a number ---

  @Test
  void theDashboardDrawsItsChartsEachWithItsTable() throws Exception {
    HttpResponse<String> page = console("kpi-supervisor").get("/kpis?protocol=kpi-drill");

    assertThat(page.statusCode()).isEqualTo(200);
    String html = page.body();
    for (String chart : List.of("chart-sla", "chart-csat", "chart-nps", "chart-heatmap")) {
      assertThat(html).as(chart).contains("id=\"" + chart + "\"");
    }
    assertThat(count(html, "<svg class=\"chart-svg")).as("SLA, CSAT, heatmap").isEqualTo(3);
    assertThat(count(html, "role=\"img\"")).as("SLA, CSAT").isEqualTo(2);
    assertThat(count(html, "role=\"group\"")).as("the heatmap: a group of links").isEqualTo(1);
    assertThat(html)
        .contains("aria-label=\"Heatmap of deviations by step (rows: 1) and reason (columns: 2)");
    // the week table behind the SLA lines: one row per week, a column per target with cycles
    int weeks = kpis("&by=week").get("groups").size();
    assertThat(section(html, "sla-table")).contains("First response", "Resolution");
    assertThat(count(section(html, "sla-table"), "<th scope=\"row\">")).isEqualTo(weeks);
    // CSAT: one answer of 2 and one of 5
    assertThat(section(html, "csat-table"))
        .contains(
            "<th scope=\"row\">2</th>\n                <td>1</td>\n                <td>50 %</td>")
        .contains("<th scope=\"row\">3</th>\n                <td>0</td>");
    assertThat(html).contains("id=\"chart-nps\"").contains("No answers in this window.");
    assertThat(section(html, "heatmap-table")).contains("customer in a hurry", "(no reason given)");
    assertThat(html).contains("<title>greet · customer in a hurry: 1 – list the cases</title>");
    assertThat(html).contains("id=\"comparison-none\"");
  }

  @Test
  void theLatestVersionIsComparedWithTheOneBeforeKpiByKpi() throws Exception {
    String html = console("kpi-supervisor").get("/kpis?protocol=kpi-versions").body();

    String table = section(html, "comparison-table");
    assertThat(table).contains("Version 1", "Version 2");
    assertThat(count(table, "<tr data-kpi=")).isEqualTo(16);
    // no cases of either version: every KPI lacks data
    assertThat(count(table, "not enough data (fewer than 30)")).isEqualTo(16);
    assertThat(html)
        .contains("aria-label=\"Interval chart: for each KPI, the difference of version 2");
  }

  @Test
  void everyTableDownloadsAsCsv() throws Exception {
    ConsoleSession lead = console("kpi-supervisor");

    HttpResponse<String> csat = lead.get("/kpis/csat.csv?protocol=kpi-drill");
    assertThat(csat.statusCode()).isEqualTo(200);
    assertThat(csat.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
    assertThat(csat.headers().firstValue("Content-Disposition").orElseThrow())
        .isEqualTo("attachment; filename=\"kpis-csat-kpi-drill.csv\"");
    assertThat(csat.body()).isEqualTo("score,answers\r\n1,0\r\n2,1\r\n3,0\r\n4,0\r\n5,1\r\n");

    List<String> weeks =
        List.of(lead.get("/kpis/weeks.csv?protocol=kpi-drill").body().split("\r\n"));
    assertThat(weeks.getFirst())
        .isEqualTo(
            "week,cases,resolved,resolution_rate,first_response_p50_seconds,sla_attainment,"
                + "csat_avg,escalation_rate,adherence");
    JsonNode groups = kpis("&by=week").get("groups");
    assertThat(weeks).hasSize(groups.size() + 1);
    assertThat(weeks.stream().skip(1).mapToLong(w -> Long.parseLong(w.split(",")[1])).sum())
        .isEqualTo(7);

    assertThat(lead.get("/kpis/sla.csv?protocol=kpi-drill").body())
        .startsWith(
            "week,first_response_met,first_response_decided,first_response,"
                + "resolution_met,resolution_decided,resolution\r\n");
    assertThat(lead.get("/kpis/deviations.csv?protocol=kpi-drill").body())
        .startsWith("step,reason,count\r\n")
        .contains("\r\ngreet,customer in a hurry,1\r\n");
    // a cell with a comma and quotes is quoted, its quotes doubled
    assertThat(lead.get("/kpis/health.csv").body())
        .contains("\r\nkpi-quoted,\"Refunds, \"\"express\"\"\",not_enough_data,0,\r\n");
    for (String table :
        List.of("weeks", "sla", "csat", "nps", "deviations", "heatmap", "comparison", "health")) {
      assertThat(lead.get("/kpis/" + table + ".csv?protocol=kpi-versions").statusCode())
          .as(table)
          .isEqualTo(200);
    }
    assertThat(lead.get("/kpis/colours.csv").statusCode()).isEqualTo(404);
    assertThat(lead.get("/kpis/weeks.csv?protocol=nope").statusCode()).isEqualTo(404);
  }

  @Test
  void aNumberOnTheDashboardOpensToExactlyTheCasesBehindIt() throws Exception {
    ConsoleSession lead = console("kpi-supervisor");
    String html = lead.get("/kpis?protocol=kpi-drill").body();

    assertThat(casesBehind(lead, drillLink(html, "escalated", false))).containsExactly(escalated);
    assertThat(casesBehind(lead, drillLink(html, "resolved", false)))
        .containsExactlyInAnyOrder(answered60, skipped);
    assertThat(casesBehind(lead, drillLink(html, "cases", false)))
        .containsExactlyInAnyOrder(
            answered60, answered120, answered300, answeredLate, unanswered, escalated, skipped);
    // a week's cell lists that week's cases only
    JsonNode firstWeek = kpis("&by=week").get("groups").get(0);
    List<String> week = casesBehind(lead, drillLink(html, "cases", true));
    assertThat(week).hasSize(firstWeek.get("cases").asInt());
    assertThat(drillLink(html, "cases", true)).contains("week=" + firstWeek.get("key").asString());
    assertThat(lead.get(drillLink(html, "cases", true)).body())
        .contains("<dd>" + firstWeek.get("key").asString() + "</dd>")
        .contains("<a href=\"/cases/" + week.getFirst() + "\">");
  }

  @Test
  void aHeatmapCellOpensToTheCasesThatDeviatedThere() throws Exception {
    ConsoleSession lead = console("kpi-supervisor");
    String html = lead.get("/kpis?protocol=kpi-drill").body();

    // a cell of the chart and the same number in the table behind it link to the same list
    String hurry = heatLink(html, "greet", "customer%20in%20a%20hurry");
    assertThat(count(html, "href=\"" + hurry.replace("&", "&amp;") + "\"")).isEqualTo(3);
    assertThat(html)
        .contains("aria-label=\"greet · customer in a hurry: 1 – list the cases\"")
        .contains("data-count=\"1\"");
    assertThat(hurry)
        .startsWith("/kpis/cases?protocol=kpi-drill&step=greet&reason=customer%20in%20a%20hurry")
        .contains("&from=")
        .contains("&to=");
    assertThat(casesBehind(lead, hurry)).containsExactly(skipped);
    String page = lead.get(hurry).body();
    assertThat(page)
        .contains("<h1 id=\"kpi-cases-heading\">Deviations at step greet: customer in a hurry</h1>")
        .contains("One deviation in one case.")
        .contains("<code id=\"kpi-cases-step\">greet</code>");

    String none = heatLink(html, "greet", "");
    assertThat(casesBehind(lead, none)).containsExactly(answered60);
    assertThat(lead.get(none).body()).contains("Deviations at step greet: no reason given</h1>");

    // the row's total in the table: any reason at the step
    Matcher total =
        Pattern.compile(
                "href=\"(/kpis/cases\\?protocol=kpi-drill&amp;step=greet&amp;from=[^\"]*)\"")
            .matcher(html);
    assertThat(total.find()).isTrue();
    String any = total.group(1).replace("&amp;", "&");
    assertThat(casesBehind(lead, any)).containsExactlyInAnyOrder(answered60, skipped);
    assertThat(lead.get(any).body())
        .contains("Deviations at step greet: any reason</h1>")
        .contains("2 deviations in 2 cases.");

    HttpResponse<String> nowhere = lead.get("/kpis/cases?protocol=kpi-drill&step=nowhere");
    assertThat(nowhere.statusCode()).isEqualTo(200);
    assertThat(nowhere.body())
        .doesNotContain("id=\"kpi-cases-deviations\"")
        .contains("No run deviated at this step for this reason in this window.");
    // the table downloads with its plain numbers
    assertThat(lead.get("/kpis/heatmap.csv?protocol=kpi-drill").body())
        .isEqualTo("step,no reason,customer in a hurry,total\r\ngreet,1,1,2\r\n");
  }

  @Test
  void aBadQuestionForCasesIsRefusedWithASentence() throws Exception {
    ConsoleSession lead = console("kpi-supervisor");

    HttpResponse<String> facet = lead.get("/kpis/cases?protocol=kpi-drill&facet=happiness");
    assertThat(facet.statusCode()).isEqualTo(400);
    assertThat(facet.body())
        .contains("data-field=\"facet\"")
        .contains("“happiness” is not a number whose cases can be listed. Ask for one of:")
        .contains("escalated, escalation_rate,");
    HttpResponse<String> week = lead.get("/kpis/cases?facet=cases&week=last");
    assertThat(week.statusCode()).isEqualTo(400);
    assertThat(week.body()).contains("“last” is not a week: give one such as 2026-W48.");
    HttpResponse<String> from = lead.get("/kpis/cases?facet=cases&from=yesterday");
    assertThat(from.statusCode()).isEqualTo(400);
    assertThat(from.body()).contains("data-field=\"from\"");
    assertThat(lead.get("/kpis/cases?facet=cases&protocol=nope").statusCode()).isEqualTo(400);
    HttpResponse<String> both = lead.get("/kpis/cases?facet=cases&step=greet");
    assertThat(both.statusCode()).isEqualTo(400);
    assertThat(both.body())
        .contains("data-field=\"step\"")
        .contains("“greet” is a step, but the list also asks for the number “cases”");
    HttpResponse<String> reason = lead.get("/kpis/cases?reason=in%20a%20hurry");
    assertThat(reason.statusCode()).isEqualTo(400);
    assertThat(reason.body())
        .contains("data-field=\"reason\"")
        .contains("“in a hurry” is a reason of deviation: give the step it is about too");
  }

  @Test
  void agentsGetNeitherTheCsvNorTheCases() throws Exception {
    ConsoleSession agentSession = console("kpi-agent");

    assertThat(agentSession.get("/kpis/weeks.csv").statusCode()).isEqualTo(403);
    assertThat(agentSession.get("/kpis/cases?facet=cases").statusCode()).isEqualTo(403);
    assertThat(new ConsoleSession(server.base).get("/kpis/weeks.csv").statusCode()).isEqualTo(302);
  }

  private ConsoleSession console(String username) throws Exception {
    ConsoleSession session = new ConsoleSession(server.base);
    session.login(username, "secret");
    return session;
  }

  /** The link of the first tile (or week cell) that opens to a facet, unescaped. */
  private static String drillLink(String html, String facet, boolean week) {
    Matcher link =
        Pattern.compile("href=\"(/kpis/cases\\?[^\"]*facet=" + facet + "&amp;[^\"]*)\"")
            .matcher(html);
    while (link.find()) {
      if (link.group(1).contains("week=2") == week) {
        return link.group(1).replace("&amp;", "&");
      }
    }
    throw new AssertionError("no link to the " + facet + " cases" + (week ? " of a week" : ""));
  }

  /** The link of the heatmap cell of a step and (normalised, URL-encoded) reason, unescaped. */
  private static String heatLink(String html, String step, String reason) {
    Matcher link =
        Pattern.compile(
                "class=\"heat-link\"[^>]*href=\"(/kpis/cases\\?[^\"]*&amp;step="
                    + step
                    + "&amp;reason="
                    + reason
                    + "&amp;[^\"]*)\"")
            .matcher(html);
    assertThat(link.find()).as("a heatmap link to " + step + " · " + reason).isTrue();
    return link.group(1).replace("&amp;", "&");
  }

  private static List<String> casesBehind(ConsoleSession session, String link) throws Exception {
    HttpResponse<String> page = session.get(link);
    assertThat(page.statusCode()).as(link).isEqualTo(200);
    Matcher row = Pattern.compile("data-case-id=\"([^\"]+)\"").matcher(page.body());
    List<String> ids = new java.util.ArrayList<>();
    while (row.find()) {
      ids.add(row.group(1));
    }
    return ids;
  }

  /** The markup of the element with this id, up to the end of its table. */
  private static String section(String html, String id) {
    int start = html.indexOf("id=\"" + id + "\"");
    assertThat(start).as(id).isNotNegative();
    return html.substring(start, html.indexOf("</table>", start));
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }

  // --- fixtures ---

  private JsonNode kpis(String more) throws Exception {
    RunningServer.Reply reply = server.get(KPIS + more, supervisor);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private JsonNode get(String path) throws Exception {
    RunningServer.Reply reply = server.get(path, supervisor);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private JsonNode drill(String more) throws Exception {
    RunningServer.Reply reply =
        server.get("/api/v1/kpis/cases?protocol=kpi-drill" + more, supervisor);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private static List<String> ids(JsonNode drill) {
    return drill.get("cases").valueStream().map(JsonNode::asString).toList();
  }

  private void assertRefused(String path, String field) throws Exception {
    RunningServer.Reply reply = server.get(path, supervisor);
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.json().get("type").asString())
        .isEqualTo("https://servicebook.dev/problems/invalid-kpi-query");
    assertThat(reply.json().get("errors").valueStream().map(e -> e.get("field").asString()))
        .contains(field);
  }

  private String tokenFor(String username, Role role) {
    UserAccounts accounts = server.bean(UserAccounts.class);
    UserAccounts.User user =
        switch (accounts.add(username, username, "secret", EnumSet.of(role), "test")) {
          case UserAccounts.Added.Created created -> created.user();
          case UserAccounts.Added.NameTaken taken -> accounts.find(username).orElseThrow();
        };
    return accounts.createToken(user, "test", "test");
  }

  private RunningServer.Reply postJson(String path, Object body) throws Exception {
    return server.post(
        path, RunningServer.TOKEN, "application/json", RunningServer.JSON.writeValueAsBytes(body));
  }

  private static void assertOk(RunningServer.Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
  }

  private String open(String channel) throws Exception {
    return open(channel, "kpi-drill");
  }

  private String open(String channel, String category) throws Exception {
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("first_name", "Ana");
    customer.put("last_name", "García");
    customer.put("email", "ana@example.com");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", channel);
    body.put("category", category);
    body.put("subject", "Where is my order?");
    body.put("message", "Hello, my order has not arrived.");
    body.put("customer", customer);
    RunningServer.Reply reply = postJson("/api/v1/cases", body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json().get("id").asString();
  }

  /** Opens a case at a past moment through the server's own service, as the demo does. */
  private String openedAt(Instant at, Channel channel) {
    return openedAt(at, channel, "kpi-drill");
  }

  private String openedAt(Instant at, Channel channel, String category) {
    String[] id = new String[1];
    demoClock()
        .runAt(
            at,
            () -> {
              Cases.Opening opening =
                  server
                      .bean(Cases.class)
                      .open(
                          new NewCase(
                              channel,
                              category,
                              "Where is my order?",
                              "Hello, my order has not arrived.",
                              Priority.NORMAL,
                              "Ben",
                              "Okafor",
                              Optional.of("ben@example.com"),
                              Optional.empty(),
                              Optional.of("en"),
                              Optional.of("standard")),
                          "intake",
                          Optional.empty());
              id[0] = ((Cases.Opening.Opened) opening).body().get("id").asString();
            });
    return id[0];
  }

  /** The agent answers: the public reply opens the new case. */
  private void answerAt(String id, Instant at) {
    replyAt(id, at);
  }

  private void replyAt(String id, Instant at) {
    changeAt(
        id,
        at,
        c ->
            c.addInteraction(
                new Interaction(
                    Interaction.Kind.OUTBOUND_MESSAGE,
                    c.channel(),
                    "agent",
                    "We are looking into it.",
                    Interaction.Visibility.PUBLIC,
                    at)));
  }

  /** The customer writes again (which reopens a resolved case). */
  private void writeAt(String id, Instant at) {
    changeAt(
        id,
        at,
        c ->
            c.addInteraction(
                new Interaction(
                    Interaction.Kind.INBOUND_MESSAGE,
                    c.channel(),
                    c.customer().id(),
                    "It is still not here.",
                    Interaction.Visibility.PUBLIC,
                    at)));
  }

  private void resolveAt(String id, Instant at) {
    changeAt(id, at, c -> c.changeStatus(CaseStatus.RESOLVED, at, "agent", "solved"));
  }

  private void changeAt(String id, Instant at, Function<Case, Case.Change> how) {
    demoClock().runAt(at, () -> server.bean(Cases.class).changeBySystem(id, "agent", how));
  }

  private DemoClock demoClock() {
    return (DemoClock) server.bean(Clock.class);
  }
}
