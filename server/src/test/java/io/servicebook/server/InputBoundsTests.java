package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.security.Role;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * What the API accepts as input: instants from 1970 to 9999 and durations longer than zero and at
 * most ten years, on every endpoint that takes one, each refused with a 400 naming the field; and
 * customer tiers from the configuration ({@code servicebook.customer.tiers}), nothing else stored.
 */
class InputBoundsTests {

  private static final String FAR_FUTURE = "+999999999-12-31T23:59:59Z";

  private static RunningServer server;
  private static String token;
  private static String caseId;
  private static String customerId;

  @BeforeAll
  static void start() throws Exception {
    Path data = Files.createTempDirectory("input-bounds");
    server =
        RunningServer.start(
            data,
            Map.of(),
            Map.of(
                "servicebook.protocols",
                ServerContractTests.STARTER_PACK.toString(),
                "servicebook.customer.tiers",
                "standard,vip,gold"));
    token = server.tokenFor("agent-bounds", Role.SUPERVISOR);
    RunningServer.Reply opened = server.postJson("/api/v1/cases", token, aCase("vip"));
    assertThat(opened.status()).as(opened.body()).isEqualTo(201);
    caseId = opened.json().get("id").asString();
    customerId = opened.json().at("/customer/id").asString();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Map<String, Object> aCase(String tier) {
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("first_name", "Ada");
    customer.put("last_name", "Lovelace");
    customer.put("email", "ada@example.com");
    if (tier != null) {
      customer.put("tier", tier);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", "email");
    body.put("category", "refund");
    body.put("subject", "Refund for order A-1001");
    body.put("message", "Where is my refund?");
    body.put("customer", customer);
    return body;
  }

  private static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String cursor(String instant) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((instant + "|some-case").getBytes(StandardCharsets.UTF_8));
  }

  static Stream<Arguments> outOfBounds() {
    String deadline = "/api/v1/calendars/eu-business/deadline";
    return Stream.of(
        Arguments.of(deadline + "?target=PT1H&start=" + q(FAR_FUTURE), "start"),
        Arguments.of(deadline + "?target=PT1H&start=" + q("1969-12-31T23:59:59Z"), "start"),
        Arguments.of(deadline + "?start=2026-03-27T09:00:00Z&target=PT999999999H", "target"),
        Arguments.of(deadline + "?start=2026-03-27T09:00:00Z&target=P5000D", "target"),
        Arguments.of(deadline + "?start=2026-03-27T09:00:00Z&target=-PT1H", "target"),
        Arguments.of(deadline + "?start=2026-03-27T09:00:00Z&target=PT0S", "target"),
        Arguments.of("/api/v1/cases?breaching_within=P99999D", "breaching_within"),
        Arguments.of("/api/v1/cases?breaching_within=-PT1H", "breaching_within"),
        Arguments.of("/api/v1/cases?cursor=" + cursor(FAR_FUTURE), "cursor"),
        Arguments.of("/api/v1/kpis?from=" + q(FAR_FUTURE), "from"),
        Arguments.of("/api/v1/kpis?from=0001-01-01", "from"),
        Arguments.of("/api/v1/kpis?to=" + q("+10000-01-01T00:00:00Z"), "to"),
        Arguments.of("/api/v1/kpis/cases?kpi=volume&from=" + q(FAR_FUTURE), "from"),
        Arguments.of(
            "/api/v1/kpis/compare?protocol=return-and-refund&a=1&b=1&to=" + q(FAR_FUTURE), "to"),
        Arguments.of("/api/v1/budgets/support/1969-12", "month"));
  }

  @ParameterizedTest(name = "{0} names {1}")
  @MethodSource("outOfBounds")
  void aTimeOutOfBoundsInTheQueryIsRefusedNamingTheParameter(String path, String field)
      throws Exception {
    RunningServer.Reply reply = server.get(path, token);
    assertRefused(reply, field);
  }

  static Stream<Arguments> outOfBoundsFollowUps() {
    return Stream.of(
        Arguments.of(Map.of("due_at", FAR_FUTURE), "due_at"),
        Arguments.of(Map.of("due_at", "+10000-01-01T00:00:00Z"), "due_at"),
        Arguments.of(Map.of("after", "P9999Y"), "after"),
        Arguments.of(Map.of("after", "PT999999H"), "after"));
  }

  @ParameterizedTest(name = "{0} names {1}")
  @MethodSource("outOfBoundsFollowUps")
  void aFollowUpDueOutOfBoundsIsRefusedNamingTheField(Map<String, Object> body, String field)
      throws Exception {
    RunningServer.Reply reply =
        server.postJson("/api/v1/cases/" + caseId + "/follow-ups", token, body);
    assertRefused(reply, field);
    JsonNode queue = server.get("/api/v1/cases/" + caseId + "/follow-ups", token).json();
    assertThat(queue.toString()).doesNotContain("+999999999", "10000-", "P9999Y", "PT999999H");
  }

  @Test
  void aDeadlineWithinTheBoundsIsAnswered() throws Exception {
    RunningServer.Reply reply =
        server.get(
            "/api/v1/calendars/eu-business/deadline?start=2026-03-27T09:00:00Z&target=PT8H", token);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().get("due_at").asString()).startsWith("2026-03-");
  }

  @Test
  void anUnknownTierIsRefusedNamingTheFieldAndTheConfiguredTiers() throws Exception {
    int before = server.get("/api/v1/cases?limit=200", token).json().get("items").size();
    RunningServer.Reply reply = server.postJson("/api/v1/cases", token, aCase("galactic"));
    assertRefused(reply, "customer.tier");
    assertThat(reply.body()).contains("galactic", "standard, vip, gold");
    assertThat(server.get("/api/v1/cases?limit=200", token).json().get("items").size())
        .isEqualTo(before);
  }

  @Test
  void aConfiguredTierIsAcceptedWhateverItsCase() throws Exception {
    RunningServer.Reply reply = server.postJson("/api/v1/cases", token, aCase("GOLD"));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    assertThat(reply.json().at("/customer/tier").asString()).isEqualTo("gold");
  }

  @Test
  void aCustomerCannotBeGivenAnUnknownTier() throws Exception {
    RunningServer.Reply reply =
        server.put("/api/v1/customers/" + customerId, token, Map.of("tier", "galactic"));
    assertRefused(reply, "tier");
    assertThat(reply.body()).contains("standard, vip, gold");
    assertThat(server.get("/api/v1/customers/" + customerId, token).json().get("tier").asString())
        .isNotEqualTo("galactic");
  }

  private static void assertRefused(RunningServer.Reply reply, String field) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    JsonNode errors = reply.json().get("errors");
    assertThat(errors).as(reply.body()).isNotNull();
    List<String> fields = new ArrayList<>();
    errors.forEach(e -> fields.add(e.get("field").asString()));
    assertThat(fields).contains(field);
  }
}
