package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.audit.AuditLog;
import io.servicebook.server.security.Role;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

/**
 * The survey contract over real HTTP, run against every database: H2 ({@link
 * H2SurveyIntegrationTests}) and PostgreSQL ({@link PostgresSurveyIntegrationTests}). A resolved
 * case on a protocol with {@code feedback} carries its survey; the customer answers it once by
 * token, without logging in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SurveyContractTests {

  /** Asks for an NPS survey when the case is resolved. */
  static final String WITH_NPS =
      """
      protocol: survey-nps
      title: Survey drill, NPS on resolve
      owner: support-operations
      review_every: P6M
      applies_when: case.category == "survey-nps"
      priority: 90
      channels: [email]
      languages: [en, de]
      steps:
        - id: answer
          title: Answer the customer
          script: {en: "Hello, we are on it.", de: "Hallo, wir kümmern uns darum."}
      feedback: {survey: nps, send: on_resolve}
      """;

  /** Asks for no survey. */
  static final String WITHOUT =
      """
      protocol: survey-none
      title: Survey drill, no feedback
      owner: support-operations
      review_every: P6M
      applies_when: case.category == "survey-none"
      priority: 90
      channels: [email]
      languages: [en]
      steps:
        - id: answer
          title: Answer the customer
          script: {en: "Hello, we are on it."}
      """;

  /** Its first step asks for a CES survey. */
  static final String BY_STEP =
      """
      protocol: survey-by-step
      title: Survey drill, by a step
      owner: support-operations
      review_every: P6M
      applies_when: case.category == "survey-by-step"
      priority: 90
      channels: [email]
      languages: [en]
      steps:
        - id: ask
          title: Ask how easy it was
          script: {en: "We will send you a one-question survey."}
          action: {survey: ces}
        - id: wrap-up
          title: Wrap up
          script: {en: "Thanks."}
      """;

  RunningServer server;

  abstract Map<String, String> database();

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    server =
        RunningServer.start(
            dataDir,
            database(),
            Map.of("servicebook.protocols", ServerContractTests.STARTER_PACK.toString()));
    RunningServer.Reply imported =
        server.post(
            "/api/v1/protocols/import",
            RunningServer.TOKEN,
            "application/zip",
            ServerContractTests.zip(
                Map.of(
                    "survey-nps.yaml",
                    WITH_NPS,
                    "survey-none.yaml",
                    WITHOUT,
                    "survey-by-step.yaml",
                    BY_STEP)));
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  // --- fixtures ---

  private static String uniqueEmail() {
    return "customer-" + System.nanoTime() + "@example.com";
  }

  private RunningServer.Reply postJson(String path, String token, Object body) throws Exception {
    return server.postJson(path, token, body);
  }

  private JsonNode open(String category, String email) throws Exception {
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("first_name", "Ana");
    customer.put("last_name", "García");
    customer.put("email", email);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", "email");
    body.put("category", category);
    body.put("subject", "The kettle arrived broken");
    body.put("message", "Hello, the kettle I ordered arrived with a cracked lid.");
    body.put("customer", customer);
    RunningServer.Reply reply = postJson("/api/v1/cases", RunningServer.TOKEN, body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json();
  }

  /** Resolves the case and answers the case JSON of the reply. */
  private JsonNode resolve(String caseId) throws Exception {
    RunningServer.Reply reply =
        postJson(
            "/api/v1/cases/" + caseId + "/status",
            RunningServer.TOKEN,
            Map.of("status", "resolved", "reason", "drill: resolved"));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private JsonNode caseJson(String caseId) throws Exception {
    RunningServer.Reply reply = server.get("/api/v1/cases/" + caseId, RunningServer.TOKEN);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  /** Opens a case on the NPS drill, resolves it and answers its one survey. */
  private JsonNode resolvedWithSurvey() throws Exception {
    String caseId = open("survey-nps", uniqueEmail()).get("id").asString();
    JsonNode surveys = resolve(caseId).get("surveys");
    assertThat(surveys).hasSize(1);
    return surveys.get(0);
  }

  /** Answers without any credential but the survey's token. */
  private RunningServer.Reply answer(String token, Object score, String comment) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("score", score);
    if (comment != null) {
      body.put("comment", comment);
    }
    return postJson("/api/v1/surveys/" + token + "/responses", null, body);
  }

  private List<AuditLog.Entry> auditOf(String caseId) {
    return server.bean(AuditLog.class).entries("case", caseId);
  }

  private List<String> eventsOf(String caseId) {
    return auditOf(caseId).stream().map(AuditLog.Entry::eventType).toList();
  }

  private long responsesOf(String token) {
    return server
        .bean(JdbcClient.class)
        .sql(
            """
            SELECT COUNT(*) FROM survey_response r JOIN survey s ON s.id = r.survey_id
            WHERE s.token = :token
            """)
        .param("token", token)
        .query(Long.class)
        .single();
  }

  private static String problemType(RunningServer.Reply reply) {
    return reply.json().get("type").asString();
  }

  // --- sending ---

  @Test
  void resolvingACaseOnAProtocolWithFeedbackPutsItsSurveyInTheCaseAndItsLinkOnTheTimeline()
      throws Exception {
    String caseId = open("survey-nps", uniqueEmail()).get("id").asString();
    Instant before = server.bean(Clock.class).instant().minusMillis(1);

    JsonNode resolved = resolve(caseId);

    JsonNode survey = resolved.get("surveys").get(0);
    assertThat(resolved.get("surveys")).hasSize(1);
    assertThat(survey.get("kind").asString()).isEqualTo("nps");
    assertThat(survey.get("status").asString()).isEqualTo("sent");
    String token = survey.get("token").asString();
    assertThat(token).matches("[A-Za-z0-9_-]{43}");
    assertThat(survey.get("url").asString()).isEqualTo(server.base + "/s/" + token);
    assertThat(Instant.parse(survey.get("expires_at").asString()))
        .isBetween(before.plus(Duration.ofDays(30)), Instant.now().plus(Duration.ofDays(30)));

    JsonNode shown = caseJson(caseId);
    assertThat(shown.get("surveys")).isEqualTo(resolved.get("surveys"));
    assertThat(shown.get("version")).isEqualTo(resolved.get("version"));
    JsonNode last = shown.get("interactions").get(shown.get("interactions").size() - 1);
    assertThat(last.get("kind").asString())
        .as("sent by the system: no agent's reply, so it answers no SLA clock")
        .isEqualTo("automated");
    assertThat(last.get("visibility").asString()).isEqualTo("public");
    assertThat(last.get("body").asString())
        .contains(server.base + "/s/" + token)
        .contains("The kettle arrived broken");
    assertThat(shown.get("interactions")).isEqualTo(resolved.get("interactions"));
    assertThat(eventsOf(caseId)).contains("survey.sent");
    assertThat(server.bean(AuditLog.class).verify()).isEmpty();
  }

  @Test
  void aCaseWhoseProtocolAsksForNoFeedbackGetsNoSurvey() throws Exception {
    String caseId = open("survey-none", uniqueEmail()).get("id").asString();
    JsonNode resolved = resolve(caseId);
    assertThat(resolved.get("surveys")).isEmpty();
    assertThat(eventsOf(caseId)).doesNotContain("survey.sent", "survey.not_sent");
  }

  @Test
  void aStepThatAsksForASurveySendsIt() throws Exception {
    JsonNode opened = open("survey-by-step", uniqueEmail());
    String caseId = opened.get("id").asString();
    String runId = opened.get("run").get("id").asString();

    RunningServer.Reply submitted =
        postJson(
            "/api/v1/runs/" + runId + "/steps/ask",
            RunningServer.TOKEN,
            Map.of("fields", Map.of()));

    assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
    JsonNode surveys = caseJson(caseId).get("surveys");
    assertThat(surveys).hasSize(1);
    assertThat(surveys.get(0).get("kind").asString()).isEqualTo("ces");
    AuditLog.Entry sent =
        auditOf(caseId).stream()
            .filter(e -> e.eventType().equals("survey.sent"))
            .findFirst()
            .orElseThrow();
    assertThat(sent.reason())
        .isEqualTo("step `ask` of survey-by-step version 1 asks for a CES survey");
  }

  @Test
  void anAgentSendsASurveyByHandAndOnlyThoseWhoWorkCasesMay() throws Exception {
    String caseId = open("survey-none", uniqueEmail()).get("id").asString();

    RunningServer.Reply sent =
        postJson(
            "/api/v1/cases/" + caseId + "/surveys",
            server.tokenFor("survey-agent", Role.AGENT),
            Map.of("kind", "csat"));

    assertThat(sent.status()).as(sent.body()).isEqualTo(201);
    assertThat(sent.json().get("kind").asString()).isEqualTo("csat");
    assertThat(sent.json().get("status").asString()).isEqualTo("sent");
    assertThat(caseJson(caseId).get("surveys").get(0).get("token"))
        .isEqualTo(sent.json().get("token"));
    assertThat(
            postJson("/api/v1/cases/" + caseId + "/surveys", null, Map.of("kind", "csat")).status())
        .isEqualTo(401);
    assertThat(
            postJson(
                    "/api/v1/cases/" + caseId + "/surveys",
                    server.tokenFor("survey-author", Role.AUTHOR),
                    Map.of("kind", "csat"))
                .status())
        .isEqualTo(403);
  }

  @Test
  void aSurveyByHandNamesAKindOfSurveyAndACaseThatExists() throws Exception {
    String caseId = open("survey-none", uniqueEmail()).get("id").asString();

    RunningServer.Reply unknownKind =
        postJson(
            "/api/v1/cases/" + caseId + "/surveys", RunningServer.TOKEN, Map.of("kind", "clv"));
    assertThat(unknownKind.status()).isEqualTo(400);
    assertThat(unknownKind.json().get("errors").get(0).get("field").asString()).isEqualTo("kind");
    assertThat(unknownKind.json().get("errors").get(0).get("message").asString())
        .contains("csat, nps, ces");
    assertThat(
            postJson(
                    "/api/v1/cases/no-such-case/surveys",
                    RunningServer.TOKEN,
                    Map.of("kind", "nps"))
                .status())
        .isEqualTo(404);
    assertThat(caseJson(caseId).get("surveys")).isEmpty();
  }

  // --- answering ---

  @Test
  void theCustomerAnswersWithTheTokenAloneAndTheAnswerIsAnAuditEvent() throws Exception {
    JsonNode survey = resolvedWithSurvey();
    String token = survey.get("token").asString();

    RunningServer.Reply reply = answer(token, 9, "Quick and friendly.");

    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    assertThat(reply.json().get("status").asString()).isEqualTo("answered");
    assertThat(reply.json().get("score").asInt()).isEqualTo(9);
    assertThat(reply.json().get("comment").asString()).isEqualTo("Quick and friendly.");
    String caseId = caseIdOf(token);
    assertThat(caseJson(caseId).get("surveys").get(0).get("status").asString())
        .isEqualTo("answered");
    AuditLog.Entry answered =
        auditOf(caseId).stream()
            .filter(e -> e.eventType().equals("survey.answered"))
            .findFirst()
            .orElseThrow();
    JsonNode details = RunningServer.JSON.readTree(answered.details());
    assertThat(details.get("kind").asString()).isEqualTo("nps");
    assertThat(details.get("score").asInt()).isEqualTo(9);
    assertThat(details.get("comment").asString()).isEqualTo("Quick and friendly.");
    assertThat(details.get("protocol").get("slug").asString()).isEqualTo("survey-nps");
    assertThat(answered.actor()).startsWith("customer:");
    assertThat(server.bean(AuditLog.class).verify()).isEmpty();
  }

  @Test
  void aSecondAnswerIsAConflictAndTheFirstStands() throws Exception {
    String token = resolvedWithSurvey().get("token").asString();
    assertThat(answer(token, 10, null).status()).isEqualTo(201);

    RunningServer.Reply again = answer(token, 2, "changed my mind");

    assertThat(again.status()).as(again.body()).isEqualTo(409);
    assertThat(again.contentType()).startsWith("application/problem+json");
    assertThat(problemType(again)).endsWith("/survey-answered");
    assertThat(responsesOf(token)).isEqualTo(1);
    assertThat(eventsOf(caseIdOf(token)).stream().filter(e -> e.equals("survey.answered")))
        .hasSize(1);
  }

  @Test
  void anExpiredSurveyIsGoneAndTakesNothing() throws Exception {
    String token = resolvedWithSurvey().get("token").asString();
    // thirty days on: the survey was sent 31 days before now, so its link ran out a day ago
    Instant now = server.bean(Clock.class).instant();
    server
        .bean(JdbcClient.class)
        .sql("UPDATE survey SET sent_at = :sent, expires_at = :expires WHERE token = :token")
        .param("sent", Timestamp.from(now.minus(Duration.ofDays(31))))
        .param("expires", Timestamp.from(now.minus(Duration.ofDays(1))))
        .param("token", token)
        .update();

    RunningServer.Reply reply = answer(token, 8, null);

    assertThat(reply.status()).as(reply.body()).isEqualTo(410);
    assertThat(problemType(reply)).endsWith("/survey-expired");
    assertThat(responsesOf(token)).isZero();
    String caseId = caseIdOf(token);
    assertThat(caseJson(caseId).get("surveys").get(0).get("status").asString())
        .isEqualTo("expired");
    assertThat(eventsOf(caseId)).doesNotContain("survey.answered");
  }

  @Test
  void aScoreOffTheScaleIsRefusedNamingTheScoreAndNothingIsStored() throws Exception {
    String token = resolvedWithSurvey().get("token").asString();

    RunningServer.Reply reply = answer(token, 11, "off the chart");

    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(problemType(reply))
        .isEqualTo("https://servicebook.dev/problems/invalid-survey-response");
    JsonNode error = reply.json().get("errors").get(0);
    assertThat(error.get("field").asString()).isEqualTo("score");
    assertThat(error.get("message").asString()).isEqualTo("an NPS score is 0 to 10; got 11");
    assertThat(reply.json().get("detail").asString())
        .startsWith("An NPS score is 0 to 10; got 11.");
    assertThat(responsesOf(token)).isZero();
    String caseId = caseIdOf(token);
    assertThat(eventsOf(caseId)).doesNotContain("survey.answered");
    assertThat(caseJson(caseId).get("surveys").get(0).get("status").asString()).isEqualTo("sent");

    assertThat(answer(token, 10, null).status())
        .as("the survey still takes an answer")
        .isEqualTo(201);
  }

  @Test
  void aScoreThatIsNotAWholeNumberOrIsMissingIsRefusedNamingTheScore() throws Exception {
    String token = resolvedWithSurvey().get("token").asString();

    for (Object score : new Object[] {"nine", 7.5, null}) {
      RunningServer.Reply reply = answer(token, score, null);
      assertThat(reply.status()).as("%s: %s", score, reply.body()).isEqualTo(400);
      assertThat(reply.json().get("errors").get(0).get("field").asString()).isEqualTo("score");
    }
    assertThat(responsesOf(token)).isZero();
  }

  @Test
  void anUnknownTokenIsNotFound() throws Exception {
    for (String token : List.of("A".repeat(43), "not-a-token")) {
      RunningServer.Reply reply = answer(token, 5, null);
      assertThat(reply.status()).as(reply.body()).isEqualTo(404);
      assertThat(problemType(reply)).endsWith("/survey-not-found");
    }
  }

  // --- the public page ---

  @Test
  void thePublicPageNeedsNoLoginAndShowsTheScaleOfItsKind() throws Exception {
    String caseId = open("survey-none", uniqueEmail()).get("id").asString();
    for (Map.Entry<String, Integer> kind : Map.of("csat", 5, "ces", 7).entrySet()) {
      RunningServer.Reply sent =
          postJson(
              "/api/v1/cases/" + caseId + "/surveys",
              RunningServer.TOKEN,
              Map.of("kind", kind.getKey()));
      assertThat(sent.status()).as(sent.body()).isEqualTo(201);

      RunningServer.Reply page = server.get("/s/" + sent.json().get("token").asString(), null);

      assertThat(page.status()).isEqualTo(200);
      assertThat(page.contentType()).startsWith("text/html");
      assertThat(page.body().split("type=\"radio\"", -1)).hasSize(kind.getValue() + 1);
      assertThat(page.body()).contains("name=\"_csrf\"");
    }
    assertThat(server.get("/s/" + "B".repeat(43), null).status()).isEqualTo(404);
  }

  @Test
  void anAnswerPostedToThePageWithoutItsFormsCsrfTokenIsRefusedAndNotStored() throws Exception {
    String token = resolvedWithSurvey().get("token").asString();

    RunningServer.Reply forged =
        server.post(
            "/s/" + token,
            null,
            "application/x-www-form-urlencoded",
            "score=10".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(forged.status()).isEqualTo(403);
    assertThat(responsesOf(token)).isZero();
  }

  // --- opting out ---

  @Test
  void aCustomerWhoOptedOutGetsNoSurveyOnTheNextResolveAndTheCaseSaysWhy() throws Exception {
    String email = uniqueEmail();
    String first = open("survey-nps", email).get("id").asString();
    String token = resolve(first).get("surveys").get(0).get("token").asString();

    RunningServer.Reply optedOut =
        server.post("/api/v1/surveys/" + token + "/opt-out", null, "application/json", new byte[0]);
    assertThat(optedOut.status()).as(optedOut.body()).isEqualTo(200);
    assertThat(caseJson(first).get("surveys").get(0).get("status").asString())
        .isEqualTo("opted_out");
    assertThat(eventsOf(first)).contains("survey.opted_out");

    String second = open("survey-nps", email).get("id").asString();
    JsonNode resolved = resolve(second);

    assertThat(resolved.get("surveys")).isEmpty();
    assertThat(resolved.get("interactions").valueStream().map(i -> i.get("kind").asString()))
        .doesNotContain("automated");
    AuditLog.Entry notSent =
        auditOf(second).stream()
            .filter(e -> e.eventType().equals("survey.not_sent"))
            .findFirst()
            .orElseThrow();
    assertThat(notSent.reason()).contains("opted out of surveys");
    RunningServer.Reply byHand =
        postJson(
            "/api/v1/cases/" + second + "/surveys", RunningServer.TOKEN, Map.of("kind", "csat"));
    assertThat(byHand.status()).as(byHand.body()).isEqualTo(409);
    assertThat(problemType(byHand)).endsWith("/customer-opted-out");
  }

  private String caseIdOf(String token) {
    return server
        .bean(JdbcClient.class)
        .sql("SELECT case_id FROM survey WHERE token = :token")
        .param("token", token)
        .query(String.class)
        .single();
  }
}
