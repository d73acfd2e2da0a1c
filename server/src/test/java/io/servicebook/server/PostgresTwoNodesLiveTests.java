package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.live.LiveEvents;
import io.servicebook.server.security.Role;
import io.servicebook.server.security.UserAccounts;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two nodes sharing one PostgreSQL: the customer's chat on node A and the agent's console on node B
 * hear each other live, both ways, through LISTEN/NOTIFY.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresTwoNodesLiveTests {

  RunningServer a;
  RunningServer b;

  @BeforeAll
  void start(@TempDir Path dirA, @TempDir Path dirB) {
    Map<String, String> database = TestDatabases.freshPostgres();
    Map<String, Object> shared =
        Map.of(
            "servicebook.audit.key",
            "0123456789abcdef".repeat(4),
            "servicebook.protocols",
            ServerContractTests.STARTER_PACK.toString());
    a = RunningServer.start(dirA, database, shared);
    b = RunningServer.start(dirB, database, shared);
    a.bean(UserAccounts.class).add("ana", "Ana Agent", "secret", EnumSet.of(Role.AGENT), "test");
  }

  @AfterAll
  void stop() {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
  }

  @Test
  void aCustomerOnOneNodeAndAnAgentOnTheOtherChatLiveBothWays() throws Exception {
    ConsoleSession agent = new ConsoleSession(b.base);
    agent.login("ana", "secret");
    ChatClient agentStreams =
        new ChatClient(b.base, HttpClient.newBuilder().cookieHandler(agent).build());
    ChatClient customer = new ChatClient(a.base);
    ChatClient.Chat chat =
        customer.started(
            ChatClient.start(
                "order_status", "fay@example.com", Map.of("topic", "order_status"), "Hello?"));
    String caseId =
        a.bean(JdbcClient.class)
            .sql("SELECT case_id FROM chat WHERE id = :id")
            .param("id", chat.id())
            .query(String.class)
            .single();
    BlockingQueue<ChatClient.Event> toAgent = ChatClient.queue();
    BlockingQueue<ChatClient.Event> toCustomer = ChatClient.queue();
    CompletableFuture<HttpResponse<Stream<String>>> agentStream =
        agentStreams.lines(b.base + "/chat/agent/live?case=" + caseId, toAgent);
    CompletableFuture<HttpResponse<Stream<String>>> customerStream =
        customer.stream(chat, toCustomer);
    try {
      assertThat(toAgent.poll(10, TimeUnit.SECONDS).name()).isEqualTo("ready");
      assertThat(toCustomer.poll(10, TimeUnit.SECONDS).data()).contains("Hello?");

      assertThat(customer.say(chat, "Where is my parcel?").status()).isEqualTo(202);
      ChatClient.Event changed = toAgent.poll(10, TimeUnit.SECONDS);
      assertThat(changed).isNotNull();
      assertThat(changed.name()).isEqualTo("changed");
      assertThat(changed.data()).contains(caseId);
      HttpResponse<String> timeline = agent.get("/cases/" + caseId + "/timeline");
      assertThat(timeline.statusCode()).as("what the case page reads on the event").isEqualTo(200);
      assertThat(timeline.body()).contains("id=\"timeline\"", "Where is my parcel?");
      assertThat(timeline.body()).doesNotContain("id=\"reply-form\"");
      assertThat(toCustomer.poll(10, TimeUnit.SECONDS).data())
          .as("the customer's own line")
          .contains("Where is my parcel?");

      String page = agent.get("/cases/" + caseId).body();
      Matcher csrf = ConsoleSession.CSRF.matcher(page);
      assertThat(csrf.find()).isTrue();
      HttpResponse<String> reply =
          agent.post(
              "/cases/" + caseId + "/reply",
              Map.of("body", "It left our warehouse today.", "_csrf", csrf.group(1)),
              Map.of());
      assertThat(reply.statusCode()).isEqualTo(302);
      ChatClient.Event answer = toCustomer.poll(10, TimeUnit.SECONDS);
      assertThat(answer).isNotNull();
      assertThat(answer.data()).contains("\"from\":\"agent\"", "It left our warehouse today.");
    } finally {
      agentStream.cancel(true);
      customerStream.cancel(true);
    }
  }

  @Test
  void anEventCommittedOnOneNodeReachesTheOtherNodeAndItself() throws InterruptedException {
    BlockingQueue<String> onB = new LinkedBlockingQueue<>();
    BlockingQueue<String> onA = new LinkedBlockingQueue<>();
    try (var sb = b.bean(LiveEvents.class).subscribe("test:1", onB::add);
        var sa = a.bean(LiveEvents.class).subscribe("test:1", onA::add)) {
      a.bean(TransactionTemplate.class)
          .executeWithoutResult(
              status -> {
                a.bean(LiveEvents.class).publish("test:1", "{\"n\":1}");
                assertThat(onB).as("not before the commit").isEmpty();
              });
      assertThat(onB.poll(5, TimeUnit.SECONDS)).isEqualTo("{\"n\":1}");
      assertThat(onA.poll(5, TimeUnit.SECONDS)).isEqualTo("{\"n\":1}");
      assertThat(onA.poll(300, TimeUnit.MILLISECONDS)).as("heard once").isNull();
    }
  }

  @Test
  void anEventOfATransactionRolledBackGoesNowhere() throws InterruptedException {
    BlockingQueue<String> onB = new LinkedBlockingQueue<>();
    try (var sb = b.bean(LiveEvents.class).subscribe("test:2", onB::add)) {
      a.bean(TransactionTemplate.class)
          .executeWithoutResult(
              status -> {
                a.bean(LiveEvents.class).publish("test:2", "{\"n\":2}");
                status.setRollbackOnly();
              });
      a.bean(LiveEvents.class).publish("test:2", "{\"n\":3}");
      assertThat(onB.poll(5, TimeUnit.SECONDS)).isEqualTo("{\"n\":3}");
    }
  }

  @Test
  void anEventTooLargeForNotifyIsRefusedWithAReason() {
    String big = "\"" + "x".repeat(8000) + "\"";
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> a.bean(LiveEvents.class).publish("test:3", big))
        .hasMessageContaining("publish ids");
  }
}
