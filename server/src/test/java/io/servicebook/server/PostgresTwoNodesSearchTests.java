package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.security.Role;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes sharing one PostgreSQL answer a search the same: a case opened (and changed) on one
 * node is found on the other within a second, as the entry commits with the change.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresTwoNodesSearchTests {

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
  void aCaseOpenedOnOneNodeIsFoundOnTheOtherWithinASecond() throws Exception {
    String agentOnB = b.tokenFor("bea", Role.AGENT);
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("first_name", "Kai");
    customer.put("last_name", "Lund");
    customer.put("email", "kai@example.com");
    customer.put("language", "de");
    customer.put("tier", "standard");
    RunningServer.Reply opened =
        a.postJson(
            "/api/v1/cases",
            RunningServer.TOKEN,
            Map.of(
                "channel",
                "email",
                "category",
                "question",
                "subject",
                "Kaputte Kaffeemaschinen",
                "message",
                "Die Kaffeemaschine ist kaputt.",
                "customer",
                customer));
    assertThat(opened.status()).as(opened.body()).isEqualTo(201);
    String id = opened.json().get("id").asString();
    long created = System.nanoTime();

    assertThat(foundWithinASecond(agentOnB, "Kaffeemaschine", id, created)).isTrue();

    RunningServer.Reply note =
        a.postJson(
            "/api/v1/cases/" + id + "/interactions",
            RunningServer.TOKEN,
            Map.of("kind", "inbound", "body", "Auch der Milchaufschäumer"));
    assertThat(note.status()).as(note.body()).isLessThan(300);
    assertThat(foundWithinASecond(agentOnB, "Milchaufschäumer", id, System.nanoTime())).isTrue();
  }

  private boolean foundWithinASecond(String token, String words, String id, long since)
      throws Exception {
    while (System.nanoTime() - since < 1_000_000_000L) {
      RunningServer.Reply found =
          b.get(
              "/api/v1/search?q="
                  + java.net.URLEncoder.encode(words, java.nio.charset.StandardCharsets.UTF_8),
              token);
      assertThat(found.status()).isEqualTo(200);
      if (found.json().get("cases").findValuesAsString("id").contains(id)) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }
}
