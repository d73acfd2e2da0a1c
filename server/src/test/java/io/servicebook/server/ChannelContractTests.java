package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.channels.Delivery;
import io.servicebook.server.channels.OutboundMessage;
import io.servicebook.server.channels.Outbox;
import io.servicebook.server.demo.DemoClock;
import io.servicebook.server.security.Role;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The channel foundation over real HTTP, on every database: the inbound message endpoint (opens,
 * threads, records a provider's message once), case tokens, and the outbox with its worker (retry
 * with backoff, failure for good, gateways collecting what waits for them). H2: {@link
 * H2ChannelIntegrationTests}, PostgreSQL: {@link PostgresChannelIntegrationTests}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChannelContractTests {

  /** A transport that answers what the test lines up, and records what it was handed. */
  static final class Carrier implements Delivery {
    final ConcurrentLinkedQueue<Result> answers = new ConcurrentLinkedQueue<>();
    final List<OutboundMessage> handed = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public String transport() {
      return "test-carrier";
    }

    @Override
    public Result deliver(OutboundMessage message) {
      handed.add(message);
      Result next = answers.poll();
      return next == null ? new Result.Sent() : next;
    }
  }

  final SettableClock clock = new SettableClock(Instant.parse("2026-03-02T09:00:00Z"));
  final Carrier carrier = new Carrier();
  RunningServer server;
  String gateway;

  abstract Map<String, String> database();

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    ApplicationContextInitializer<ConfigurableApplicationContext> parts =
        context -> {
          GenericApplicationContext generic = (GenericApplicationContext) context;
          generic.registerBean("clock", Clock.class, () -> new DemoClock(clock));
          generic.registerBean("testCarrier", Delivery.class, () -> carrier);
        };
    server =
        RunningServer.start(
            dir,
            database(),
            Map.of(
                "servicebook.protocols",
                ServerContractTests.STARTER_PACK.toString(),
                "servicebook.outbox.polling-interval",
                "PT0.1S",
                "spring.main.allow-bean-definition-overriding",
                true),
            parts);
    gateway = server.tokenFor("sms-gateway", Role.AGENT);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static Map<String, Object> sms(String messageId, String phone, String text) {
    Map<String, Object> from = new LinkedHashMap<>();
    from.put("name", "Ana García");
    from.put("phone", phone);
    from.put("email", "ana." + phone.replaceAll("\\D", "") + "@example.com");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", "sms");
    body.put("provider", "twilio");
    body.put("message_id", messageId);
    body.put("from", from);
    body.put("text", text);
    body.put("category", "general_inquiry");
    return body;
  }

  private static String unique(String name) {
    return name + "-" + System.nanoTime();
  }

  private JsonNode caseOf(String id) throws Exception {
    RunningServer.Reply reply = server.get("/api/v1/cases/" + id, RunningServer.TOKEN);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private static long inboundMessages(JsonNode kase) {
    long count = 0;
    for (JsonNode i : kase.get("interactions")) {
      if (i.get("kind").asString().equals("inbound")) {
        count++;
      }
    }
    return count;
  }

  @Test
  void aGatewaysMessageOpensACaseOnceHoweverOftenItIsHandedIn() throws Exception {
    String id = unique("SM");
    Map<String, Object> body =
        sms(id, "+49 30 " + System.nanoTime() % 10_000_000, "Where is my order?");
    RunningServer.Reply first = server.postJson("/api/v1/inbound/messages", gateway, body);
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(first.json().get("outcome").asString()).isEqualTo("opened");
    assertThat(first.json().get("case_reference").asString()).matches("SB-[0-9A-Z]{6}");

    RunningServer.Reply again = server.postJson("/api/v1/inbound/messages", gateway, body);
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(again.json().get("outcome").asString()).isEqualTo("duplicate");
    assertThat(again.json().get("case_id").asString())
        .isEqualTo(first.json().get("case_id").asString());

    JsonNode kase = caseOf(first.json().get("case_id").asString());
    assertThat(kase.get("channel").asString()).isEqualTo("sms");
    assertThat(inboundMessages(kase)).isEqualTo(1);
  }

  @Test
  void theSendersNextTextThreadsIntoTheirOngoingCaseAndATokenFindsItsCase() throws Exception {
    String phone = "+44 20 " + System.nanoTime() % 10_000_000;
    RunningServer.Reply first =
        server.postJson("/api/v1/inbound/messages", gateway, sms(unique("SM"), phone, "Hello?"));
    String caseId = first.json().get("case_id").asString();

    RunningServer.Reply second =
        server.postJson(
            "/api/v1/inbound/messages", gateway, sms(unique("SM"), phone, "It is order 7781."));
    assertThat(second.status()).as(second.body()).isEqualTo(201);
    assertThat(second.json().get("outcome").asString()).isEqualTo("threaded");
    assertThat(second.json().get("case_id").asString()).isEqualTo(caseId);

    Map<String, Object> byToken = sms(unique("SM"), "+1 555 " + System.nanoTime() % 10_000, "Re");
    byToken.put("channel", "social");
    byToken.put("case_reference", first.json().get("case_reference").asString().toLowerCase());
    RunningServer.Reply third = server.postJson("/api/v1/inbound/messages", gateway, byToken);
    assertThat(third.json().get("outcome").asString()).isEqualTo("threaded");
    assertThat(third.json().get("case_id").asString()).isEqualTo(caseId);
    assertThat(inboundMessages(caseOf(caseId))).isEqualTo(3);
  }

  @Test
  void aBadInboundMessageIsRefusedFieldByFieldAndChangesNothing() throws Exception {
    long before = server.bean(io.servicebook.server.cases.Cases.class).count();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", "pigeon");
    body.put("provider", "Twilio Inc");
    body.put("from", Map.of("phone", "call me"));
    RunningServer.Reply reply = server.postJson("/api/v1/inbound/messages", gateway, body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.json().get("type").asString()).endsWith("/invalid-inbound-message");
    List<String> fields = new ArrayList<>();
    reply.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
    assertThat(fields)
        .containsExactlyInAnyOrder("channel", "provider", "message_id", "text", "from.phone");
    assertThat(server.bean(io.servicebook.server.cases.Cases.class).count()).isEqualTo(before);
  }

  @Test
  void aReplyOnAnSmsCaseWaitsForTheGatewayWhichReportsItsDelivery() throws Exception {
    RunningServer.Reply opened =
        server.postJson(
            "/api/v1/inbound/messages",
            gateway,
            sms(unique("SM"), "+33 1 " + System.nanoTime() % 10_000_000, "My parcel?"));
    String caseId = opened.json().get("case_id").asString();
    RunningServer.Reply replied =
        server.postJson(
            "/api/v1/cases/" + caseId + "/interactions",
            RunningServer.TOKEN,
            Map.of("kind", "outbound", "body", "It left our warehouse today."));
    assertThat(replied.status()).as(replied.body()).isEqualTo(200);

    JsonNode waiting =
        server.get("/api/v1/outbound/messages?channel=sms&limit=200", gateway).json();
    JsonNode mine = null;
    for (JsonNode m : waiting.get("items")) {
      if (m.get("case_id").asString().equals(caseId)) {
        mine = m;
      }
    }
    assertThat(mine).as(waiting.toString()).isNotNull();
    assertThat(mine.get("state").asString()).isEqualTo("waiting_for_delivery");
    assertThat(mine.get("text").asString()).isEqualTo("It left our warehouse today.");
    assertThat(mine.get("recipient").asString()).startsWith("+33");

    String delivery = "/api/v1/outbound/messages/" + mine.get("id").asLong() + "/delivery";
    RunningServer.Reply sent = server.postJson(delivery, gateway, Map.of("state", "sent"));
    assertThat(sent.status()).as(sent.body()).isEqualTo(200);
    assertThat(sent.json().get("state").asString()).isEqualTo("sent");
    RunningServer.Reply twice = server.postJson(delivery, gateway, Map.of("state", "sent"));
    assertThat(twice.status()).isEqualTo(404);
    assertThat(twice.json().get("type").asString()).endsWith("/outbound-message-not-waiting");

    RunningServer.Reply bad =
        server.get("/api/v1/outbound/messages?channel=pigeon&limit=0", gateway);
    assertThat(bad.status()).as(bad.body()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    bad.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
    assertThat(fields).containsExactlyInAnyOrder("channel", "limit");
  }

  @Test
  void theWorkerRetriesATemporaryFailureWithAPauseAndGivesUpOnARefusal() throws Exception {
    RunningServer.Reply opened =
        server.postJson(
            "/api/v1/inbound/messages",
            gateway,
            sms(unique("SM"), "+34 91 " + System.nanoTime() % 10_000_000, "Hola"));
    String caseId = opened.json().get("case_id").asString();
    Outbox outbox = server.bean(Outbox.class);
    io.servicebook.cases.Case kase =
        server.bean(io.servicebook.server.cases.Cases.class).find(caseId).orElseThrow().kase();

    carrier.answers.add(new Delivery.Result.Retry("421 try again later"));
    OutboundMessage retried =
        inTransaction(
            () ->
                outbox.enqueue(
                    kase,
                    java.util.Optional.empty(),
                    io.servicebook.protocol.Channel.EMAIL,
                    "test-carrier",
                    "first"));
    await(() -> state(outbox, retried.id()).attempts() == 1);
    OutboundMessage afterFirst = state(outbox, retried.id());
    assertThat(afterFirst.state()).isEqualTo(OutboundMessage.State.QUEUED);
    assertThat(afterFirst.lastError()).contains("421 try again later");
    Thread.sleep(500); // several polls: not due again before its pause is over
    assertThat(state(outbox, retried.id()).attempts()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(31));
    await(() -> state(outbox, retried.id()).state() == OutboundMessage.State.SENT);
    assertThat(state(outbox, retried.id()).attempts()).isEqualTo(2);

    carrier.answers.add(new Delivery.Result.Failed("550 no such mailbox"));
    OutboundMessage refused =
        inTransaction(
            () ->
                outbox.enqueue(
                    kase,
                    java.util.Optional.empty(),
                    io.servicebook.protocol.Channel.EMAIL,
                    "test-carrier",
                    "second"));
    await(() -> state(outbox, refused.id()).state() == OutboundMessage.State.FAILED);
    assertThat(state(outbox, refused.id()).lastError()).contains("550 no such mailbox");
    assertThat(outbox.ofCase(caseId)).extracting(OutboundMessage::body).contains("first", "second");
  }

  private <T> T inTransaction(java.util.function.Supplier<T> work) {
    return server
        .bean(org.springframework.transaction.support.TransactionTemplate.class)
        .execute(status -> work.get());
  }

  private static OutboundMessage state(Outbox outbox, long id) {
    return outbox.byId(id).orElseThrow();
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 10 s for the outbox").isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
