package io.servicebook.server.audit;

import io.servicebook.server.TestDatabases;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A database migrated to the newest schema with the audit trail on it, its keys and checkpoints in
 * a data directory, at a fixed time: the parts the server wires, without the server.
 */
record Trail(
    DataSource data,
    JdbcClient jdbc,
    TransactionTemplate transactions,
    AuditKeys keys,
    AuditCheckpoints checkpoints,
    AuditVerification verification,
    AuditLog audit,
    Path dataDir) {

  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  /** An empty H2 database in memory. */
  static DataSource h2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return h2;
  }

  private static Map<String, String> postgres;

  /**
   * An empty schema of its own in one PostgreSQL database per test run (the test is skipped where
   * there is no PostgreSQL): schemas are cheap to make, databases are not.
   */
  static synchronized DataSource postgres() {
    if (postgres == null) {
      postgres = TestDatabases.freshPostgres();
    }
    String schema = "audit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    DriverManagerDataSource data =
        new DriverManagerDataSource(
            postgres.get("SERVICEBOOK_DB_URL") + "?currentSchema=" + schema,
            postgres.get("SERVICEBOOK_DB_USER"),
            postgres.get("SERVICEBOOK_DB_PASSWORD"));
    JdbcClient.create(data).sql("CREATE SCHEMA " + schema).update();
    return data;
  }

  /** Migrates the database up to {@code target} ("latest" for all). */
  static void migrate(DataSource data, String target) {
    Flyway.configure()
        .dataSource(data)
        .javaMigrations(new PerSubjectAuditChains())
        .target(target)
        .load()
        .migrate();
  }

  /** The newest schema on the database, keys and checkpoints in {@code dataDir}. */
  static Trail on(DataSource data, Path dataDir) {
    return on(data, dataDir, AuditSettings.defaults(), T0);
  }

  static Trail on(DataSource data, Path dataDir, AuditSettings settings, Instant now) {
    migrate(data, "latest");
    return wired(data, dataDir, settings, now);
  }

  /** The parts again on the same database and directory, as after a restart. */
  Trail restarted(AuditSettings settings) {
    return wired(data, dataDir, settings, T0);
  }

  private static Trail wired(DataSource data, Path dataDir, AuditSettings settings, Instant now) {
    JdbcClient jdbc = JdbcClient.create(data);
    JdbcTransactionManager manager = new JdbcTransactionManager(data);
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    AuditTrailRepository repository = new AuditTrailRepository(data, manager);
    AuditKeys keys = AuditKeys.of(settings, dataDir);
    AuditCheckpoints checkpoints = new AuditCheckpoints(repository, clock, settings, dataDir);
    return new Trail(
        data,
        jdbc,
        new TransactionTemplate(manager),
        keys,
        checkpoints,
        new AuditVerification(repository, keys, checkpoints, clock),
        new AuditLog(
            jdbc, new NamedParameterJdbcTemplate(data), clock, List.of(), keys, repository),
        dataDir);
  }

  /** Appends changes of one subject in one transaction. */
  void append(String type, String id, String... eventTypes) {
    transactions.executeWithoutResult(
        s -> {
          for (String event : eventTypes) {
            audit.append(type, id, event, "ana", "because", "{\"n\":1}");
          }
        });
  }

  /** The rows of a chain, oldest first. */
  List<AuditLog.Entry> chain(String type, String id) {
    return transactions.execute(s -> audit.entries(type, id));
  }

  /** Sets a column of one row, as anyone with write access to the database could. */
  void set(long eventId, String column, String value) {
    jdbc.sql("UPDATE audit_event SET " + column + " = :v WHERE id = :id")
        .param("v", value)
        .param("id", eventId)
        .update();
  }

  /**
   * Chains a subject's rows again from the first, as someone with database access would after
   * changing one: with plain SHA-256 marked {@code sha256}, or with a key they got hold of ({@code
   * key} non-null); the chain's head follows.
   */
  void rechain(String type, String id, AuditKeys.Key key) {
    String previous = AuditLog.GENESIS;
    for (AuditLog.Entry e : chain(type, id)) {
      String content =
          AuditLog.content(
              previous,
              e.subjectType(),
              e.subjectId(),
              e.eventType(),
              e.actor(),
              e.at(),
              e.reason(),
              e.details());
      String hash = key == null ? AuditLog.sha256(content) : keys.sign(key, content);
      jdbc.sql("UPDATE audit_event SET previous_hash = :p, hash = :h, key_id = :k WHERE id = :id")
          .param("p", previous)
          .param("h", hash)
          .param("k", key == null ? AuditKeys.LEGACY : key.id())
          .param("id", e.id())
          .update();
      previous = hash;
    }
    jdbc.sql("UPDATE audit_chain SET head_hash = :h WHERE subject_type = :t AND subject_id = :s")
        .param("h", previous)
        .param("t", type)
        .param("s", id)
        .update();
  }

  /** Inserts a row chained with plain SHA-256, as rows were before the chain was keyed (V24). */
  static String insertLegacy(
      JdbcClient jdbc, String type, String id, String event, Instant at, String previous) {
    return insertUnkeyed(jdbc, "", "", type, id, event, at, previous);
  }

  /** Inserts a row chained with plain SHA-256 and marked so, as a forger would after V24. */
  static String forgeUnkeyed(JdbcClient jdbc, String type, String id, String event, Instant at) {
    return insertUnkeyed(jdbc, ", key_id", ", 'sha256'", type, id, event, at, AuditLog.GENESIS);
  }

  private static String insertUnkeyed(
      JdbcClient jdbc,
      String keyColumn,
      String keyValue,
      String type,
      String id,
      String event,
      Instant at,
      String previous) {
    String hash = AuditLog.hash(previous, type, id, event, "ana", at, null, "{}");
    jdbc.sql(
            "INSERT INTO audit_event (subject_type, subject_id, event_type, actor, occurred_at,"
                + " reason, details, previous_hash, hash"
                + keyColumn
                + ") VALUES (:t, :s, :e, 'ana', :at, NULL, '{}', :p, :h"
                + keyValue
                + ")")
        .param("t", type)
        .param("s", id)
        .param("e", event)
        .param("at", Timestamp.from(at))
        .param("p", previous)
        .param("h", hash)
        .update();
    return hash;
  }
}
