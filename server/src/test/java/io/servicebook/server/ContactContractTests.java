package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.channels.Outbox;
import io.servicebook.server.security.Role;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Contacts that do not come by email, over real HTTP on every database ({@link
 * H2ContactIntegrationTests}, {@link PostgresContactIntegrationTests}): a caller without an email
 * address, found again by phone; a call logged on a case and the SLA clock it moves. The help
 * centre's contact form is in {@link ContactFormContractTests}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ContactContractTests {

  /** Answers within an hour, first and next; its first step speaks differently on the phone. */
  static final String CALLS =
      """
      protocol: call-drill
      title: Call drill
      owner: support-operations
      audience: public
      review_every: P6M
      applies_when: case.category == "call-drill"
      priority: 90
      channels: [phone, email, web]
      languages: [en]
      sla:
        first_response: PT1H
        next_response: PT1H
        resolution: PT8H
        on_breach: [{notify: supervisor}]
      steps:
        - id: listen
          title: Listen to the customer
          script:
            en:
              default: "Thank you for writing, {{customer.first_name}}."
              phone: "Thank you for calling, {{customer.first_name}}. How can I help?"
        - id: settle
          title: Settle it
          script: {en: "It is settled."}
          action: {resolve: true}
      """;

  /** On the phone; follows up by email with a script a second after resolution. */
  static final String CALL_FOLLOW_UP =
      """
      protocol: call-follow-up
      title: Call follow-up drill
      owner: support-operations
      review_every: P6M
      applies_when: case.category == "call-follow-up"
      priority: 90
      channels: [phone, email]
      languages: [en]
      steps:
        - id: listen
          title: Listen to the customer
          script: {en: "Thank you for calling."}
      follow_up:
        after: PT1S
        channel: email
        script: {en: "Hello {{customer.first_name}}, did it work out?"}
      """;

  RunningServer server;
  SettableClock clock;

  abstract Map<String, String> database();

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    server =
        RunningServer.start(
            dataDir,
            database(),
            Map.of(
                "servicebook.protocols",
                ServerContractTests.STARTER_PACK.toString(),
                "servicebook.timers.polling-interval",
                "PT0.1S"),
            clock);
    RunningServer.Reply imported =
        server.post(
            "/api/v1/protocols/import",
            RunningServer.TOKEN,
            "application/zip",
            ServerContractTests.zip(
                Map.of("call-drill.yaml", CALLS, "call-follow-up.yaml", CALL_FOLLOW_UP)));
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    server.tokenFor("caller-agent", Role.AGENT);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  // --- customers without an email address ---

  @Test
  void aPhoneCaseOpensWithoutEmailAndTheSameNumberFindsTheCustomerAgain() throws Exception {
    RunningServer.Reply first = openByApi("phone", null, "+49 30 5550 1234");
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    JsonNode customer = first.json().get("customer");
    assertThat(customer.get("email").isNull()).isTrue();

    RunningServer.Reply again = openByApi("in_person", null, "+49-30-55501234");

    assertThat(again.status()).as(again.body()).isEqualTo(201);
    assertThat(again.json().at("/customer/id").asString()).isEqualTo(customer.get("id").asString());
    assertThat(again.json().at("/run/current_step/script").asString())
        .isEqualTo("Thank you for writing, Pat.");
    assertThat(first.json().at("/run/current_step/script").asString())
        .isEqualTo("Thank you for calling, Pat. How can I help?");
  }

  @Test
  void aCallerKnownByPhoneWhoGivesAnAddressLaterKeepsTheirCustomer() throws Exception {
    String id = openByApi("phone", null, "+44 20 7946 0001").json().at("/customer/id").asString();

    RunningServer.Reply written = openByApi("email", "pat.later@example.com", "+442079460001");

    assertThat(written.json().at("/customer/id").asString()).isEqualTo(id);
    assertThat(written.json().at("/customer/email").asString()).isEqualTo("pat.later@example.com");
    RunningServer.Reply byAddress = openByApi("email", "PAT.LATER@example.com", null);
    assertThat(byAddress.json().at("/customer/id").asString()).isEqualTo(id);
  }

  @Test
  void anEmailCaseStillNeedsTheAddress() throws Exception {
    long before = customers();

    RunningServer.Reply refused = openByApi("email", null, "+49 30 5550 9999");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("customer.email", "is required");
    assertThat(customers()).isEqualTo(before);
  }

  @Test
  void aFollowUpByEmailOfACallerWithoutAddressComesDueForAPersonInstead() throws Exception {
    String id =
        openByApi("phone", null, "+49 30 5550 4242", "call-follow-up").json().get("id").asString();
    RunningServer.Reply resolved =
        server.postJson(
            "/api/v1/cases/" + id + "/status",
            RunningServer.TOKEN,
            Map.of("status", "resolved", "reason", "sorted on the phone"));
    assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
    String followUp = followUpsOf(id).get(0).get("id").asString();

    clock.advance(Duration.ofSeconds(5));
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (statusOfFollowUp(followUp).equals("scheduled") && System.nanoTime() < end) {
      Thread.sleep(100);
    }

    assertThat(statusOfFollowUp(followUp)).isEqualTo("due");
    assertThat(server.bean(Outbox.class).ofCase(id)).isEmpty();
  }

  // --- logging a call ---

  @Test
  void theAgentsCallAnswersAndTheCustomersCallStartsTheNextResponseClock() throws Exception {
    String id = openByApi("email", "kim.calls@example.com", null).json().get("id").asString();
    ConsoleSession agent = agent();
    clock.advance(Duration.ofMinutes(10));
    Instant answered = clock.instant();

    assertThat(
            logCall(agent, id, "outbound", "4:30", "Called back, explained the refund.")
                .statusCode())
        .isEqualTo(302);

    JsonNode kase = apiCase(id);
    assertThat(clockOf(kase, "first_response").get("state").asString()).isEqualTo("met");
    assertThat(Instant.parse(clockOf(kase, "first_response").get("stopped_at").asString()))
        .isEqualTo(answered);
    JsonNode call = kase.at("/interactions/1");
    assertThat(call.get("kind").asString()).isEqualTo("call");
    assertThat(call.at("/call/direction").asString()).isEqualTo("outbound");
    assertThat(call.at("/call/seconds").asInt()).isEqualTo(270);

    clock.advance(Duration.ofMinutes(20));
    Instant rang = clock.instant();
    logCall(agent, id, "inbound", "2", "The customer rang: the refund has not arrived.");

    JsonNode next = clockOf(apiCase(id), "next_response");
    assertThat(next.get("state").asString()).isEqualTo("running");
    assertThat(Instant.parse(next.get("due_at").asString()))
        .isEqualTo(rang.plus(Duration.ofHours(1)));

    clock.advance(Duration.ofMinutes(5));
    logCall(agent, id, "outbound", "1:05", "Called back: the bank needs two more days.");

    assertThat(clockOf(apiCase(id), "next_response").get("state").asString()).isEqualTo("met");
    String page = agent.get("/cases/" + id).body();
    assertThat(page)
        .contains("We called · 4:30", "Customer called · 2:00", "We called · 1:05")
        .contains("The customer rang: the refund has not arrived.");
  }

  @Test
  void theCustomersCallReopensACaseWaitingOnThem() throws Exception {
    String id = openByApi("phone", null, "+49 30 5550 7777").json().get("id").asString();
    RunningServer.Reply waiting =
        server.postJson(
            "/api/v1/cases/" + id + "/status",
            RunningServer.TOKEN,
            Map.of("status", "waiting_on_customer", "reason", "asked for the receipt"));
    assertThat(waiting.status()).as(waiting.body()).isEqualTo(200);

    logCall(agent(), id, "inbound", "3", "The customer read out the receipt number.");

    assertThat(apiCase(id).get("status").asString()).isEqualTo("open");
  }

  @Test
  void aCallWithoutDirectionLengthOrNotesIsRefusedNextToItsFields() throws Exception {
    String id = openByApi("phone", null, "+49 30 5550 8888").json().get("id").asString();
    ConsoleSession agent = agent();

    HttpResponse<String> refused = logCall(agent, id, "sideways", "five", " ");

    assertThat(refused.statusCode()).isEqualTo(302);
    assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("#call-form");
    String page = agent.get("/cases/" + id).body();
    assertThat(page)
        .contains("Choose who called.", "Write the length as minutes (5)", "Write what was said.")
        .contains("value=\"five\"");
    assertThat(apiCase(id).get("interactions").size()).isEqualTo(1);
  }

  @Test
  void anSmsFromANumberWithoutAddressOpensACase() throws Exception {
    RunningServer.Reply texted = openByApi("sms", null, "+49 170 5550 1111");

    assertThat(texted.status()).as(texted.body()).isEqualTo(201);
    assertThat(texted.json().at("/customer/phone").asString()).isEqualTo("+49 170 5550 1111");
  }

  // --- fixtures ---

  private RunningServer.Reply openByApi(String channel, String email, String phone)
      throws Exception {
    return openByApi(channel, email, phone, "call-drill");
  }

  private RunningServer.Reply openByApi(String channel, String email, String phone, String category)
      throws Exception {
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("first_name", "Pat");
    customer.put("last_name", "Caller");
    if (email != null) {
      customer.put("email", email);
    }
    if (phone != null) {
      customer.put("phone", phone);
    }
    return server.postJson(
        "/api/v1/cases",
        RunningServer.TOKEN,
        Map.of(
            "channel",
            channel,
            "category",
            category,
            "subject",
            "My refund",
            "message",
            "Where is my refund?",
            "customer",
            customer));
  }

  private ConsoleSession agent() throws Exception {
    ConsoleSession agent = new ConsoleSession(server.base);
    agent.login("caller-agent", "secret");
    return agent;
  }

  private HttpResponse<String> logCall(
      ConsoleSession agent, String id, String direction, String duration, String notes)
      throws Exception {
    Matcher csrf = ConsoleSession.CSRF.matcher(agent.get("/cases/" + id).body());
    assertThat(csrf.find()).isTrue();
    return agent.post(
        "/cases/" + id + "/calls",
        Map.of(
            "direction", direction, "duration", duration, "notes", notes, "_csrf", csrf.group(1)),
        Map.of());
  }

  private JsonNode followUpsOf(String caseId) throws Exception {
    RunningServer.Reply reply =
        server.get("/api/v1/cases/" + caseId + "/follow-ups", RunningServer.TOKEN);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().get("items");
  }

  private String statusOfFollowUp(String id) throws Exception {
    return server
        .get("/api/v1/follow-ups/" + id, RunningServer.TOKEN)
        .json()
        .get("status")
        .asString();
  }

  private JsonNode apiCase(String id) throws Exception {
    RunningServer.Reply reply = server.get("/api/v1/cases/" + id, RunningServer.TOKEN);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private long customers() {
    return server
        .bean(JdbcClient.class)
        .sql("SELECT COUNT(*) FROM customer")
        .query(Long.class)
        .single();
  }

  private static JsonNode clockOf(JsonNode kase, String target) {
    JsonNode last = null;
    for (JsonNode c : kase.get("sla")) {
      if (c.get("target").asString().equals(target)) {
        last = c;
      }
    }
    assertThat(last).as("a " + target + " clock in " + kase.get("sla")).isNotNull();
    return last;
  }
}
