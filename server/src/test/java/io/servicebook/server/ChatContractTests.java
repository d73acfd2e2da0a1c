package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.channels.OutboundMessage;
import io.servicebook.server.channels.Outbox;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The chat API as the widget uses it, on every database: the pre-chat form derived from the
 * protocol, a chat opening a case, the customer's lines and the agent's answers both ways, answers
 * and transcripts by email through the outbox, and bad input refused naming the field. The clock
 * stands on a Saturday afternoon: the EU calendar (returns) is closed, the US one (chats) open.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChatContractTests {

  /**
   * Saturday 12 December 2026, 17:00 in Berlin (the EU calendar of returns is closed), 11:00 in New
   * York (the US calendar of the chat protocol is open).
   */
  static final Instant SATURDAY = Instant.parse("2026-12-12T16:00:00Z");

  RunningServer server;
  ChatClient client;

  abstract Map<String, String> database();

  @BeforeAll
  void start(@TempDir Path dir) {
    server =
        RunningServer.start(
            dir,
            database(),
            Map.of(
                "servicebook.protocols",
                ServerContractTests.STARTER_PACK.toString(),
                "servicebook.chat.starts-per-minute",
                1000),
            new SettableClock(SATURDAY));
    client = new ChatClient(server.base);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private String caseOf(ChatClient.Chat chat) {
    return server
        .bean(JdbcClient.class)
        .sql("SELECT case_id FROM chat WHERE id = :id")
        .param("id", chat.id())
        .query(String.class)
        .single();
  }

  private void agentOnline() {
    JdbcClient jdbc = server.bean(JdbcClient.class);
    jdbc.sql("DELETE FROM chat_agent_presence WHERE username = 'agent-on-duty'").update();
    jdbc.sql("INSERT INTO chat_agent_presence (username, seen_at) VALUES ('agent-on-duty', :at)")
        .param("at", Timestamp.from(SATURDAY))
        .update();
  }

  @Test
  void theFormAsksWhatTheMatchingProtocolsFirstStepsCapture() throws Exception {
    ChatClient.Reply reply = client.form("?category=return&lang=en");
    assertThat(reply.status()).isEqualTo(200);
    JsonNode form = reply.json();
    assertThat(form.get("categories").findValuesAsString("key"))
        .contains("return", "refund", "order_status", "product_question");
    assertThat(form.get("questions").findValuesAsString("name"))
        .containsExactly("order_number", "purchase_date", "reason");
    assertThat(form.get("questions").get(0).get("label").asString()).isEqualTo("Order number");
    assertThat(form.get("texts").get("start").asString()).isEqualTo("Start the chat");
    assertThat(
            client
                .form("?category=order_status&lang=de")
                .json()
                .get("texts")
                .get("start")
                .asString())
        .isEqualTo("Chat beginnen");
  }

  @Test
  void withAnAgentOnlineInTheCalendarsHoursTheFormSaysSo() throws Exception {
    agentOnline();
    JsonNode form = client.form("?category=order_status&lang=en").json();
    assertThat(form.get("online").asBoolean()).isTrue();
    assertThat(form.get("promise").asString()).isEqualTo("We are online and answer in a moment.");
  }

  @Test
  void outsideTheCalendarsHoursTheFormPromisesTheFirstResponseInPlainWords() throws Exception {
    JsonNode form = client.form("?category=return&lang=en").json();
    assertThat(form.get("online").asBoolean()).isFalse();
    // Monday 09:00 in Berlin plus the protocol's first response of two hours
    assertThat(form.get("promise").asString())
        .isEqualTo("We answer by Monday 11:00 (Berlin time).");
    assertThat(client.form("?category=return&lang=de").json().get("promise").asString())
        .isEqualTo("Wir antworten bis Montag 11:00 (Zeit in Berlin).");
  }

  @Test
  void aChatOpensACaseOnTheChatChannelWithItsProtocolAndWaitsForAFirstAnswer() throws Exception {
    ChatClient.Chat chat =
        client.started(
            ChatClient.start(
                "return",
                "ada@example.com",
                Map.of(
                    "order_number",
                    "ORD-123456",
                    "purchase_date",
                    "2026-12-01",
                    "reason",
                    "damaged"),
                "The lamp arrived broken."));
    String caseId = caseOf(chat);
    JsonNode kase = server.get("/api/v1/cases/" + caseId, RunningServer.TOKEN).json();
    assertThat(kase.get("channel").asString()).isEqualTo("chat");
    assertThat(kase.get("protocol").get("slug").asString()).isEqualTo("return-and-refund");
    assertThat(kase.get("interactions").get(0).get("body").asString())
        .contains("The lamp arrived broken.", "Order number: ORD-123456");
    assertThat(server.bean(io.servicebook.server.chat.Chats.class).waiting(1000)).contains(caseId);
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndNothingIsStored() throws Exception {
    long before = chats();
    ChatClient.Reply reply =
        client.post(
            "/chats",
            ChatClient.start("return", "not-an-address", Map.of("order_number", "abc"), " "),
            null);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.json().get("type").asString()).endsWith("/invalid-chat");
    List<String> fields = reply.json().get("errors").findValuesAsString("field");
    assertThat(fields).contains("email", "message", "fields.order_number", "fields.purchase_date");
    assertThat(message(reply.json(), "fields.order_number"))
        .isEqualTo("Order number: “abc” does not have the expected form (^[A-Z0-9-]{6,20}$).");
    assertThat(chats()).isEqualTo(before);
    ChatClient.Reply category =
        client.post("/chats", ChatClient.start("lottery", "ada@example.com", Map.of(), "hi"), null);
    assertThat(message(category.json(), "category")).startsWith("Choose one of the categories:");
    assertThat(
            client
                .post(
                    "/chats",
                    ChatClient.start("order_status", "ada@example.com", Map.of("iban", "x"), "hi"),
                    null)
                .json()
                .get("errors")
                .findValuesAsString("field"))
        .contains("fields.iban");
  }

  @Test
  void aChatsLinesNeedItsSecret() throws Exception {
    ChatClient.Chat chat =
        client.started(
            ChatClient.start("order_status", "bo@example.com", Map.of("topic", "other"), "hi"));
    ChatClient.Reply wrong = client.say(new ChatClient.Chat(chat.id(), "guess"), "hello");
    assertThat(wrong.status()).isEqualTo(404);
    assertThat(wrong.json().get("type").asString()).endsWith("/chat-not-found");
    assertThat(client.say(chat, "").json().get("errors").findValuesAsString("field"))
        .containsExactly("message");
  }

  @Test
  void theCustomerAndTheAgentHearEachOtherLive() throws Exception {
    agentOnline();
    ChatClient.Chat chat =
        client.started(
            ChatClient.start(
                "order_status", "cy@example.com", Map.of("topic", "order_status"), "Where is it?"));
    String caseId = caseOf(chat);
    BlockingQueue<ChatClient.Event> customer = ChatClient.queue();
    CompletableFuture<HttpResponse<Stream<String>>> stream = client.stream(chat, customer);
    try {
      assertThat(customer.poll(5, TimeUnit.SECONDS).data()).contains("Where is it?");
      assertThat(
              server
                  .postJson(
                      "/api/v1/cases/" + caseId + "/interactions",
                      RunningServer.TOKEN,
                      Map.of("kind", "outbound", "body", "It ships today."))
                  .status())
          .isEqualTo(200);
      ChatClient.Event answer = customer.poll(5, TimeUnit.SECONDS);
      assertThat(answer.name()).isEqualTo("message");
      assertThat(answer.data()).contains("\"from\":\"agent\"", "It ships today.");
      assertThat(client.say(chat, "Thanks!").status()).isEqualTo(202);
      assertThat(customer.poll(5, TimeUnit.SECONDS).data()).contains("Thanks!");
    } finally {
      stream.cancel(true);
    }
    JsonNode kase = server.get("/api/v1/cases/" + caseId, RunningServer.TOKEN).json();
    assertThat(kase.get("sla").findValuesAsString("target")).contains("next_response");
    assertThat(server.bean(io.servicebook.server.chat.Chats.class).waiting(1000))
        .doesNotContain(caseId);
  }

  @Test
  void whenNobodyCanAnswerTheAnswerGoesOutByEmailThroughTheOutbox() throws Exception {
    ChatClient.Reply started =
        client.post(
            "/chats",
            ChatClient.start(
                "return",
                "dee@example.com",
                Map.of(
                    "order_number",
                    "ORD-777777",
                    "purchase_date",
                    "2026-12-01",
                    "reason",
                    "damaged"),
                "Broken on arrival."),
            null);
    assertThat(started.json().get("online").asBoolean()).isFalse();
    assertThat(started.json().get("promise").asString())
        .isEqualTo("We answer by Monday 11:00 (Berlin time).");
    ChatClient.Chat chat =
        new ChatClient.Chat(
            started.json().get("chat").asString(), started.json().get("secret").asString());
    String caseId = caseOf(chat);
    server.postJson(
        "/api/v1/cases/" + caseId + "/interactions",
        RunningServer.TOKEN,
        Map.of("kind", "outbound", "body", "We will send a new one."));
    List<OutboundMessage> out = server.bean(Outbox.class).ofCase(caseId);
    assertThat(out).extracting(OutboundMessage::recipient).containsExactly("dee@example.com");
    assertThat(out).extracting(OutboundMessage::body).containsExactly("We will send a new one.");
    assertThat(out).extracting(OutboundMessage::transport).containsExactly("email");
  }

  @Test
  void theCustomerGetsTheTranscriptByEmailOnRequest() throws Exception {
    agentOnline();
    ChatClient.Chat chat =
        client.started(
            ChatClient.start(
                "order_status", "eve@example.com", Map.of("topic", "other"), "Hello there"));
    assertThat(client.post("/chats/" + chat.id() + "/transcript", Map.of(), chat.secret()).status())
        .isEqualTo(202);
    List<OutboundMessage> out = server.bean(Outbox.class).ofCase(caseOf(chat));
    assertThat(out).hasSize(1);
    assertThat(out.get(0).recipient()).isEqualTo("eve@example.com");
    assertThat(out.get(0).body()).contains("Here is your chat with us.", "Hello there");
  }

  @Test
  void theWidgetIsServedFromTheServerForOtherOrigins() throws Exception {
    RunningServer.Reply script = server.get("/chat/widget.js", null);
    assertThat(script.status()).isEqualTo(200);
    assertThat(script.contentType()).startsWith("text/javascript");
    assertThat(script.body()).contains("attachShadow");
    assertThat(server.get("/chat/widget.css", null).contentType()).startsWith("text/css");
    assertThat(server.get("/demo/shop", null).status()).as("not without --demo").isEqualTo(404);
  }

  private long chats() {
    return server
        .bean(JdbcClient.class)
        .sql("SELECT COUNT(*) FROM chat")
        .query(Long.class)
        .single();
  }

  private static String message(JsonNode problem, String field) {
    for (JsonNode error : problem.get("errors")) {
      if (error.get("field").asString().equals(field)) {
        return error.get("message").asString();
      }
    }
    throw new AssertionError("no error for " + field + " in " + problem);
  }
}
