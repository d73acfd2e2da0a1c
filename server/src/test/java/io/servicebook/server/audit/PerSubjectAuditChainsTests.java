package io.servicebook.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Migration 8 chains an existing trail again per subject, so it verifies and keeps growing. */
class PerSubjectAuditChainsTests {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  @Test
  void rowsOfTheOldSingleChainAreChainedPerSubjectAndVerify() {
    DataSource data = database();
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
      Instant at = T0.plusSeconds(i);
      String hash =
          AuditLog.hash(previous, rows[i][0], rows[i][1], rows[i][2], "ana", at, null, "{}");
      jdbc.sql(
              """
              INSERT INTO audit_event (subject_type, subject_id, event_type, actor, occurred_at,
                                       reason, details, previous_hash, hash)
              VALUES (:t, :s, :e, 'ana', :at, NULL, '{}', :p, :h)
              """)
          .param("t", rows[i][0])
          .param("s", rows[i][1])
          .param("e", rows[i][2])
          .param("at", Timestamp.from(at))
          .param("p", previous)
          .param("h", hash)
          .update();
      previous = hash;
    }

    Flyway.configure()
        .dataSource(data)
        .javaMigrations(new PerSubjectAuditChains())
        .load()
        .migrate();

    AuditLog audit =
        new AuditLog(
            jdbc, new NamedParameterJdbcTemplate(data), Clock.fixed(T0, ZoneOffset.UTC), List.of());
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

  /** A database migrated to the newest schema and the audit log on it, at a fixed time. */
  private record Trail(
      JdbcClient jdbc,
      org.springframework.transaction.support.TransactionTemplate transactions,
      AuditLog audit) {}

  private static Trail migratedTrail(Instant now) {
    DataSource data = database();
    Flyway.configure()
        .dataSource(data)
        .javaMigrations(new PerSubjectAuditChains())
        .load()
        .migrate();
    JdbcClient jdbc = JdbcClient.create(data);
    return new Trail(
        jdbc,
        new org.springframework.transaction.support.TransactionTemplate(
            new org.springframework.jdbc.support.JdbcTransactionManager(data)),
        new AuditLog(
            jdbc,
            new NamedParameterJdbcTemplate(data),
            Clock.fixed(now, ZoneOffset.UTC),
            List.of()));
  }

  private static DataSource database() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return h2;
  }
}
