package io.servicebook.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Migration 8 chains an existing trail again per subject, so it verifies and keeps growing. */
class PerSubjectAuditChainsTests {

  private static final Instant T0 = Trail.T0;

  @TempDir Path dir;

  @Test
  void rowsOfTheOldSingleChainAreChainedPerSubjectAndVerify() {
    DataSource data = Trail.h2();
    Flyway.configure().dataSource(data).target("7").load().migrate();
    JdbcClient jdbc = JdbcClient.create(data);
    String previous = AuditLog.GENESIS;
    String[][] rows = {
      {"case", "c1", "case.opened"},
      {"run", "r1", "run.started"},
      {"case", "c1", "case.status_changed"},
      {"case", "c2", "case.opened"},
      {"run", "r1", "run.step_submitted"}
    };
    for (int i = 0; i < rows.length; i++) {
      previous =
          Trail.insertLegacy(jdbc, rows[i][0], rows[i][1], rows[i][2], T0.plusSeconds(i), previous);
    }

    Trail trail = Trail.on(data, dir);

    AuditLog audit = trail.audit();
    assertThat(audit.verify()).isEmpty();
    assertThat(audit.entries("case", "c1"))
        .extracting(AuditLog.Entry::eventType)
        .containsExactly("case.opened", "case.status_changed");
    assertThat(audit.entries("case", "c1").get(0).previousHash()).isEqualTo(AuditLog.GENESIS);
    assertThat(audit.entries("run", "r1").get(1).previousHash())
        .isEqualTo(audit.entries("run", "r1").get(0).hash());
    assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_chain").query(Long.class).single())
        .isEqualTo(3);
  }

  @Test
  void deletingTheNewestRowOfAChainShowsUp() {
    Trail trail = migratedTrail(T0);
    JdbcClient jdbc = trail.jdbc();
    var transactions = trail.transactions();
    AuditLog audit = trail.audit();
    transactions.executeWithoutResult(
        s -> {
          audit.append("case", "c1", "case.opened", "ana", null, "{}");
          audit.append("case", "c1", "case.assigned", "ana", null, "{}");
          audit.append("case", "c2", "case.opened", "ana", null, "{}");
        });
    assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event").query(Long.class).single())
        .isEqualTo(3);
    assertThat(audit.verify()).isEmpty();

    jdbc.sql("DELETE FROM audit_event WHERE event_type = 'case.assigned'").update();

    assertThat(audit.verify()).map(AuditLog.Entry::eventType).contains("case.opened");
  }

  @Test
  void anInstantTheDatabaseWouldRoundStillVerifies() {
    // the database keeps microseconds and would round this one up into the next millisecond
    Trail trail = migratedTrail(Instant.parse("2026-03-02T09:00:00.658999999Z"));
    var transactions = trail.transactions();
    AuditLog audit = trail.audit();
    transactions.executeWithoutResult(
        s -> audit.append("case", "c1", "case.opened", "ana", null, "{}"));

    assertThat(audit.verify()).isEmpty();
    assertThat(audit.entries("case", "c1").get(0).at())
        .isEqualTo(Instant.parse("2026-03-02T09:00:00.658Z"));
  }

  @Test
  void aRolledBackTransactionLeavesNoAuditRows() {
    Trail trail = migratedTrail(T0);
    JdbcClient jdbc = trail.jdbc();
    var transactions = trail.transactions();
    AuditLog audit = trail.audit();
    transactions.executeWithoutResult(
        s -> {
          audit.append("case", "c1", "case.opened", "ana", null, "{}");
          s.setRollbackOnly();
        });
    assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event").query(Long.class).single()).isZero();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_chain").query(Long.class).single()).isZero();
  }

  private Trail migratedTrail(Instant now) {
    return Trail.on(Trail.h2(), dir, AuditSettings.defaults(), now);
  }
}
