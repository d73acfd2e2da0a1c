package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.servicebook.server.security.Role;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The search on PostgreSQL answers in three phases (the newest entries, a window of them, the whole
 * index); each must give exactly what one query over all entries gives. The phases are made small
 * here (the newest 50, a window of 300) over 1,000 entries whose words are as common as each phase
 * needs, and every answer is checked against the entries sorted newest first in this test, and
 * against the phase that gave it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresSearchPhasesTests {

  /** Three days ago: the window's days are tagged up to tomorrow, so it spans a few days. */
  private static final Instant START =
      Instant.now().truncatedTo(ChronoUnit.DAYS).minus(3, ChronoUnit.DAYS);

  private static final int ENTRIES = 1_000;
  private static final String ODD_TEAM = "O'Brien \\ support";

  private RunningServer server;
  private String agent;
  private final List<Entry> entries = new ArrayList<>();

  /** An entry as this test wrote it. */
  private record Entry(
      String id, Instant createdAt, List<String> words, String status, String team) {}

  @BeforeAll
  void start(@TempDir Path dataDir) {
    server =
        RunningServer.start(
            dataDir,
            TestDatabases.freshPostgres(),
            Map.of(
                "servicebook.search.postgres.newest", 50,
                "servicebook.search.postgres.window", 300,
                "servicebook.search.postgres.refresh", "PT0S"));
    agent = server.tokenFor("phases", Role.AGENT);
    JdbcClient jdbc = server.bean(JdbcClient.class);
    for (int i = 1; i <= ENTRIES; i++) {
      List<String> words = new ArrayList<>();
      if (i % 2 == 0) {
        words.add("common");
      }
      if (i % 10 == 0) {
        words.add("middle");
      }
      if (i % 31 == 0) {
        words.add("scarce");
      }
      // two entries share each time, so that the order between them is by id; over two days
      Entry entry =
          new Entry(
              "entry-%04d".formatted(i),
              START.plus(i / 2 * 5L, ChronoUnit.MINUTES),
              words,
              i % 4 == 0 ? "OPEN" : "NEW",
              i % 3 == 0 ? ODD_TEAM : "support");
      entries.add(entry);
      jdbc.sql(
              "INSERT INTO search_entry (kind, ref_id, language, title, body, status, team,"
                  + " channel, created_at) VALUES ('case', :id, 'english', :title, :body, :status,"
                  + " :team, 'EMAIL', :at)")
          .param("id", entry.id())
          .param("title", "Entry " + i)
          .param("body", "text " + String.join(" ", words))
          .param("status", entry.status())
          .param("team", entry.team())
          .param("at", Timestamp.from(entry.createdAt()))
          .update();
    }
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aCommonWordIsAnsweredFromTheNewestEntries() throws Exception {
    assertFound("q=common", 1, e -> has(e, "common"), "newest");
  }

  @Test
  void aLessCommonWordIsAnsweredFromTheWindow() throws Exception {
    assertFound("q=middle", 1, e -> has(e, "middle"), "window");
  }

  @Test
  void aScarceWordIsAnsweredFromTheWholeIndex() throws Exception {
    assertFound("q=scarce", 1, e -> has(e, "scarce"), "index");
  }

  @Test
  void aFilterMakesACommonWordScarceAndTheWindowAnswers() throws Exception {
    assertFound(
        "q=common&status=open", 1, e -> has(e, "common") && e.status().equals("OPEN"), "window");
  }

  @Test
  void aTeamWhoseNameHasQuotesSpacesAndBackslashesIsOneTag() throws Exception {
    assertFound(
        "q=middle&team=" + URLEncoder.encode(ODD_TEAM, StandardCharsets.UTF_8),
        1,
        e -> has(e, "middle") && e.team().equals(ODD_TEAM),
        "index");
    assertFound(
        "q=common&team=support", 1, e -> has(e, "common") && e.team().equals("support"), "window");
  }

  @Test
  void aTimeRangeIsLookedThroughNewestFirstWithinIt() throws Exception {
    Instant until = START.plus(1, ChronoUnit.DAYS);
    String day = START.toString().substring(0, 10);
    assertFound(
        "q=common&from=" + day + "&to=" + day,
        1,
        e -> has(e, "common") && e.createdAt().isBefore(until),
        "newest");
  }

  @Test
  void laterPagesPassOverPhasesThatCannotHoldThem() throws Exception {
    assertFound("q=common&page=3", 3, e -> has(e, "common"), "window");
    assertFound("q=middle&page=3", 3, e -> has(e, "middle"), "index");
  }

  @Test
  void wordsThatAreNoWordsFindNothingRatherThanEverything() throws Exception {
    RunningServer.Reply reply = server.get("/api/v1/search?q=%21%3F", agent);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().get("cases").size()).isZero();
  }

  private void assertFound(String query, int page, Predicate<Entry> matches, String phase)
      throws Exception {
    List<String> expected =
        entries.stream()
            .filter(matches)
            .sorted(Comparator.comparing(Entry::createdAt).thenComparing(Entry::id).reversed())
            .skip((page - 1) * 20L)
            .limit(20)
            .map(Entry::id)
            .toList();
    assertThat(expected).as("the test's data gives %s a full page", query).hasSize(20);
    double before = answeredBy(phase);
    RunningServer.Reply reply = server.get("/api/v1/search?" + query, agent);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    List<String> found = new ArrayList<>();
    reply.json().get("cases").forEach(c -> found.add(c.get("id").asString()));
    assertThat(found).as(query).containsExactlyElementsOf(expected);
    assertThat(answeredBy(phase))
        .as("searches answered by the %s phase", phase)
        .isEqualTo(before + 1);
  }

  private double answeredBy(String phase) {
    return server
        .bean(MeterRegistry.class)
        .counter("servicebook.search.queries", "kind", "case", "phase", phase)
        .count();
  }

  private static boolean has(Entry entry, String word) {
    return entry.words().contains(word);
  }
}
