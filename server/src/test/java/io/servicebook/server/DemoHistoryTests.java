package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.protocol.Protocol;
import io.servicebook.protocol.Step;
import io.servicebook.runs.RunEngine;
import io.servicebook.server.demo.DemoHistory;
import io.servicebook.server.kpi.RollupStore;
import io.servicebook.server.protocols.ProtocolCatalog;
import io.servicebook.server.runs.Runs;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The generated past of {@code servicebook demo-data}: believable (every channel, several
 * languages, escalations, skipped steps with reasons, values captured by the runs, survey answers,
 * follow-ups, compensation within the teams' budgets), written as the features themselves write it,
 * and after a rollup rebuild the KPIs from the rollups are the KPIs counted from the cases
 * themselves. On H2 here, on PostgreSQL in {@link PostgresDemoHistoryTests}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoHistoryTests {

  /** The protocols of the starter pack whose steps offer compensation. */
  static final List<String> COMPENSATING =
      List.of("billing-dispute", "escalated-compensation", "return-and-refund", "vip-customers");

  /** The generator's teams and the currency of their budgets. */
  static final Map<String, String> TEAMS =
      Map.of("support-eu", "EUR", "support-us", "USD", "billing", "USD", "tech", "EUR");

  RunningServer server;
  DemoHistory.Written written;
  final List<Long> progress = new ArrayList<>();

  @BeforeAll
  void start(@TempDir Path dataDir) {
    server =
        RunningServer.start(
            dataDir,
            database(),
            Map.of(
                "servicebook.protocols",
                ServerContractTests.STARTER_PACK.toString(),
                "servicebook.kpi.worker",
                false));
    written = server.bean(DemoHistory.class).generate(2_400, 60, 7, progress::add);
    RollupStore rollups = server.bean(RollupStore.class);
    rollups.rebuild();
    rollups.catchUp(n -> {});
  }

  @AfterAll
  void stop() {
    server.close();
  }

  /** The database the server runs on: H2 in the data directory. */
  Map<String, String> database() {
    return Map.of();
  }

  @Test
  void writesTheCasesInChunksAndSaysHowFarItGot() {
    assertThat(written.cases()).isEqualTo(2_400);
    assertThat(progress).containsExactly(1_000L, 2_000L, 2_400L);
    // an opening message and on average a little over two exchanges more
    assertThat(written.interactions()).isBetween(2_400L * 4, 2_400L * 8);
    assertThat(server.bean(RollupStore.class).waiting(10)).isZero();
  }

  @Test
  void thePastLooksLikeASupportTeamsPast() throws Exception {
    JsonNode all = kpis("");
    assertThat(all.get("computed_from").asString()).isEqualTo("rollups");
    assertThat(all.get("cases").asLong()).isBetween(900L, 1_500L);
    assertThat(all.get("escalation_rate").asDouble()).isBetween(0.03, 0.12);
    assertThat(all.get("csat_responses").asLong()).isPositive();
    assertThat(all.get("csat_avg").asDouble()).isBetween(3.3, 4.8);
    assertThat(all.get("adherence").asDouble()).isBetween(0.85, 1.0);
    assertThat(all.get("deviations").valueStream().map(d -> d.path("reason").asString()).toList())
        .contains("customer in a hurry");
    assertThat(kpis("&by=channel").get("groups").size()).isGreaterThanOrEqualTo(4);
    assertThat(kpis("&by=language").get("groups").size()).isEqualTo(6);
    assertThat(kpis("&by=tier").get("groups").size()).isEqualTo(2);
  }

  @Test
  void theRebuiltRollupsGiveTheNumbersOfTheCasesThemselves() throws Exception {
    // whole days (the rollups answer) and the same window a millisecond earlier, which holds the
    // same cases (they are created on whole seconds) but is counted from the cases themselves
    Instant to = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
    Instant from = to.minus(Duration.ofDays(30));
    String days = "&from=" + from + "&to=" + to;
    String shifted = "&from=" + from.minusMillis(1) + "&to=" + to.minusMillis(1);
    for (String by : List.of("", "&by=week", "&by=protocol", "&by=channel", "&by=version,tier")) {
      JsonNode rollups = kpis(days + by);
      JsonNode cases = kpis(shifted + by);

      assertThat(rollups.get("computed_from").asString()).isEqualTo("rollups");
      assertThat(cases.get("computed_from").asString()).isEqualTo("cases");
      assertThat(withoutWindow(rollups)).as(by).isEqualTo(withoutWindow(cases));
    }
  }

  @Test
  void mostFollowUpsAreDoneAndCompensationIsSpentInBothCurrencies() throws Exception {
    Instant to = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
    Instant from = to.minus(Duration.ofDays(30));
    List<String> sources = new ArrayList<>();
    // whole days come from the rollups, the window a millisecond earlier from the cases
    for (String window :
        List.of(
            "&from=" + from + "&to=" + to,
            "&from=" + from.minusMillis(1) + "&to=" + to.minusMillis(1))) {
      JsonNode all = kpis(window);
      String source = all.get("computed_from").asString();
      sources.add(source);

      // done / (done + skipped + due): about 78 + 11 done in 100, 11 skipped, a few still due
      assertThat(all.get("follow_up_completion").asDouble()).as(source).isBetween(0.8, 0.97);
      JsonNode spent = all.get("compensation_spent");
      assertThat(spent.get("EUR").decimalValue()).as(source).isPositive();
      assertThat(spent.get("USD").decimalValue()).as(source).isPositive();
    }
    assertThat(sources).containsExactly("rollups", "cases");
    assertThat(kpis("&kpi=follow_up_missed", "/cases").get("count").asLong()).isPositive();
  }

  @Test
  void aFifthOrSoOfTheCasesOfProtocolsThatOfferCompensationGetSome() throws Exception {
    long cases = 0;
    long compensated = 0;
    for (String protocol : COMPENSATING) {
      cases += kpis("&protocol=" + protocol).get("cases").asLong();
      compensated +=
          kpis("&protocol=" + protocol + "&kpi=compensated", "/cases").get("count").asLong();
    }

    assertThat(cases).isPositive();
    assertThat((double) compensated / cases).isBetween(0.1, 0.3);
    assertThat(kpis("&protocol=online-chat&kpi=compensated", "/cases").get("count").asLong())
        .isZero();
  }

  @Test
  void everyTeamHasABudgetEveryMonthAndNoneIsOverspent() throws Exception {
    YearMonth now = YearMonth.now(ZoneOffset.UTC);
    YearMonth first =
        YearMonth.from(Instant.now().minus(Duration.ofDays(60)).atZone(ZoneOffset.UTC));
    BigDecimal spent = BigDecimal.ZERO;
    BigDecimal budgets = BigDecimal.ZERO;
    for (YearMonth month = first; !month.isAfter(now); month = month.plusMonths(1)) {
      for (Map.Entry<String, String> team : TEAMS.entrySet()) {
        RunningServer.Reply reply =
            server.get("/api/v1/budgets/" + team.getKey() + "/" + month, RunningServer.TOKEN);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode budget = reply.json();

        assertThat(budget.get("currency").asString()).isEqualTo(team.getValue());
        assertThat(money(budget.get("spent")))
            .as(team + " " + month)
            .isLessThanOrEqualTo(money(budget.get("budget")));
        if (month.equals(now.minusMonths(1))) {
          spent = spent.add(money(budget.get("spent")));
          budgets = budgets.add(money(budget.get("budget")));
        }
      }
    }
    // last month, (almost) a whole month of the history: about three quarters of the budgets spent
    assertThat(spent.doubleValue() / budgets.doubleValue()).isBetween(0.5, 1.0);
  }

  @Test
  void grantsAboveTheThresholdWereApprovedByASupervisorAndStayWithinTheOffer() throws Exception {
    JsonNode granted =
        server.get("/api/v1/compensations?status=granted", RunningServer.TOKEN).json().get("items");

    assertThat(granted.size()).isPositive();
    for (JsonNode grant : granted) {
      BigDecimal amount = money(grant.get("amount"));
      assertThat(amount).isLessThanOrEqualTo(money(grant.at("/offer/max")));
      assertThat(grant.get("currency").asString())
          .isEqualTo(TEAMS.get(grant.get("team").asString()));
      boolean above = amount.compareTo(money(grant.at("/offer/approval_above"))) > 0;
      assertThat(grant.get("decided_by").asString()).isEqualTo(above ? "supervisor" : "system");
      assertThat(grant.get("step_id").isNull()).isFalse();
    }
  }

  @Test
  void theCompensationFeatureDecidesANewRequestOnAGeneratedCaseWithItsOfferAndBudget()
      throws Exception {
    YearMonth month = YearMonth.now(ZoneOffset.UTC);
    JsonNode granted =
        server.get("/api/v1/compensations?status=granted", RunningServer.TOKEN).json().get("items");
    JsonNode room = null;
    for (JsonNode grant : granted) {
      JsonNode budget =
          server
              .get(
                  "/api/v1/budgets/" + grant.get("team").asString() + "/" + month,
                  RunningServer.TOKEN)
              .json();
      // one more within what the agent may grant alone, and within what the team has left
      BigDecimal belowThreshold =
          money(grant.at("/offer/approval_above")).subtract(money(grant.get("amount")));
      if (belowThreshold.compareTo(BigDecimal.ONE) >= 0
          && money(budget.get("left")).compareTo(BigDecimal.ONE) >= 0) {
        room = grant;
        break;
      }
    }
    assertThat(room)
        .as("a granted case with room below its threshold and in its budget")
        .isNotNull();

    RunningServer.Reply asked =
        server.postJson(
            "/api/v1/cases/" + room.get("case_id").asString() + "/compensations",
            RunningServer.TOKEN,
            Map.of("amount", "1", "currency", room.get("currency").asString(), "reason", "late"));

    assertThat(asked.status()).as(asked.body()).isEqualTo(201);
    assertThat(asked.json().get("status").asString()).isEqualTo("granted");
    // the terms of the offer the generated run's step made
    assertThat(asked.json().get("step_id").asString()).isEqualTo(room.get("step_id").asString());
    assertThat(asked.json().get("run_id").asString()).isEqualTo(room.get("run_id").asString());
  }

  @Test
  void theFollowUpFeatureReadsAndFinishesGeneratedFollowUps() throws Exception {
    JsonNode due = null;
    for (String team : TEAMS.keySet()) {
      JsonNode items =
          server
              .get("/api/v1/follow-ups?status=due&limit=1&team=" + team, RunningServer.TOKEN)
              .json()
              .get("items");
      if (!items.isEmpty()) {
        due = items.get(0);
        break;
      }
    }
    assertThat(due).as("a generated follow-up still due").isNotNull();
    // none waits in a queue for long: late ones are done within four days of coming due
    assertThat(Instant.parse(due.get("due_at").asString()))
        .isAfter(Instant.now().minus(Duration.ofDays(4)).minusSeconds(60));
    JsonNode ofCase =
        server
            .get(
                "/api/v1/cases/" + due.get("case_id").asString() + "/follow-ups",
                RunningServer.TOKEN)
            .json()
            .get("items");
    assertThat(ofCase.valueStream().map(f -> f.at("/source/kind").asString()))
        .containsOnly("resolution");

    RunningServer.Reply done =
        server.postJson(
            "/api/v1/follow-ups/" + due.get("id").asString() + "/done",
            RunningServer.TOKEN,
            Map.of("outcome", "Customer is fine"));

    assertThat(done.status()).as(done.body()).isEqualTo(200);
    assertThat(done.json().get("status").asString()).isEqualTo("done");
  }

  @Test
  void aFollowUpNotYetDueWaitsWithTheTimerThatPutsItInTheQueue() {
    JdbcClient jdbc = server.bean(JdbcClient.class);
    // the running server fires the timers of follow-ups that came due since: leave those out
    List<String> waiting =
        jdbc.sql("SELECT id FROM follow_up WHERE status = 'SCHEDULED' AND due_at > :soon")
            .param("soon", Timestamp.from(Instant.now().plus(Duration.ofMinutes(1))))
            .query(String.class)
            .list();
    List<String> timers =
        jdbc.sql(
                "SELECT task_instance FROM scheduled_tasks WHERE task_instance LIKE"
                    + " 'follow-up-due:%'")
            .query(String.class)
            .list();

    assertThat(waiting).isNotEmpty();
    assertThat(timers).containsAll(waiting.stream().map(id -> "follow-up-due:" + id).toList());
  }

  @Test
  @SuppressWarnings("unchecked")
  void theRunsCapturedValuesOfTheirStepsThatTheServerReadsBack() {
    List<String> completed =
        server
            .bean(JdbcClient.class)
            .sql("SELECT id FROM protocol_run WHERE status = 'COMPLETED' ORDER BY id")
            .query(String.class)
            .list();
    ProtocolCatalog catalog = server.bean(ProtocolCatalog.class);
    Runs runs = server.bean(Runs.class);
    int withValues = 0;
    for (String id : completed.subList(0, 300)) {
      // read as the server reads a stored run: a value not in its typed form would fail here
      Map<String, Object> run = runs.view(id, "agent").orElseThrow();
      Map<String, Object> pinned = (Map<String, Object>) run.get("protocol");
      Protocol protocol =
          catalog.model(
              catalog
                  .version((String) pinned.get("slug"), (Integer) pinned.get("version"))
                  .orElseThrow());
      Map<String, Object> union = new LinkedHashMap<>();
      for (Map<String, Object> visit : (List<Map<String, Object>>) run.get("log")) {
        Map<String, Object> captured = (Map<String, Object>) visit.get("captured");
        Step step = protocol.step((String) visit.get("step_id")).orElseThrow();
        assertThat(captured.keySet())
            .as("run %s, step %s", id, step.id())
            .isSubsetOf(step.capture());
        if (!"submitted".equals(visit.get("outcome"))) {
          assertThat(captured).isEmpty();
        }
        captured.forEach(
            (name, value) ->
                assertThat(RunEngine.checkValue(protocol, name, String.valueOf(value)))
                    .as("%s of run %s: %s", name, id, value)
                    .isEmpty());
        union.putAll(captured);
      }
      assertThat(run.get("fields")).as("the fields of run %s", id).isEqualTo(union);
      withValues += union.isEmpty() ? 0 : 1;
    }
    assertThat(withValues).as("completed runs that captured something").isGreaterThan(250);
  }

  /** An amount as the compensation API writes it: a decimal string such as {@code "12.50"}. */
  private static BigDecimal money(JsonNode amount) {
    return new BigDecimal(amount.asString());
  }

  private JsonNode kpis(String query) throws Exception {
    return kpis(query, "");
  }

  private JsonNode kpis(String query, String path) throws Exception {
    RunningServer.Reply reply =
        server.get("/api/v1/kpis" + path + "?" + query.replaceFirst("^&", ""), RunningServer.TOKEN);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  /** A KPI answer without its window and source, to compare two ways of computing it. */
  static ObjectNode withoutWindow(JsonNode kpis) {
    ObjectNode copy = (ObjectNode) kpis.deepCopy();
    copy.remove(List.of("from", "to", "computed_from"));
    return copy;
  }
}
