package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing acknowledged is lost when the server is killed: 8 clients open cases with
 * Idempotency-Keys, the server gets SIGKILL at random moments and is restarted on the same data;
 * every case answered with 201 is still there, and every retried key answers its own case, never a
 * second one. {@code bench/crash.sh} runs the same drill with more kills.
 */
abstract class CrashContractTests {

  static final int CLIENTS = 8;

  @TempDir Path dataDir;

  abstract Map<String, String> database();

  /** A JDBC connection to the drill's database, for a look after the server stopped. */
  abstract Connection open(Map<String, String> database) throws Exception;

  int kills() {
    return Integer.getInteger("servicebook.crash.kills", 3);
  }

  @Test
  void acknowledgedCasesSurviveKillsAndRetriedKeysNeverOpenASecondCase() throws Exception {
    Map<String, String> database = database();
    long seed = Long.getLong("servicebook.crash.seed", System.nanoTime());
    CrashDrill.Outcome outcome;
    Map<String, String> acknowledged;
    try (CrashDrill drill = new CrashDrill(dataDir, database, seed)) {
      outcome = drill.run(kills(), CLIENTS);
      acknowledged = drill.acknowledged();
    }
    System.out.printf(
        "crash drill (%s, seed %d): %d kills, %d cases acknowledged, %d lost, %d duplicated%n",
        getClass().getSimpleName(),
        seed,
        outcome.kills(),
        outcome.acknowledged(),
        outcome.lost(),
        outcome.duplicated());
    assertThat(outcome.problems()).as("seed %d", seed).isEmpty();
    assertThat(outcome.kills()).isEqualTo(kills());
    assertThat(outcome.acknowledged()).as("cases acknowledged over the drill").isPositive();

    Map<String, Integer> casesBySubject = new HashMap<>();
    try (Connection c = open(database);
        ResultSet rows =
            c.createStatement()
                .executeQuery(
                    "SELECT subject, COUNT(*) FROM service_case"
                        + " WHERE subject LIKE 'crash drill %' GROUP BY subject")) {
      while (rows.next()) {
        casesBySubject.put(rows.getString(1).substring("crash drill ".length()), rows.getInt(2));
      }
    }
    assertThat(casesBySubject.keySet())
        .as("one case per key, and no case without a key's answer")
        .isEqualTo(acknowledged.keySet());
    assertThat(casesBySubject.values()).allMatch(n -> n == 1);
  }
}
