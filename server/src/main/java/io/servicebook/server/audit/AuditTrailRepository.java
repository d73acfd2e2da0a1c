package io.servicebook.server.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The audit trail as its checks and checkpoints read it, in SQL. */
@Repository
class AuditTrailRepository {

  /** A chain's head now: how many rows it has and the newest one's hash. */
  record ChainHead(Subject subject, long length, String hash) {}

  private final JdbcClient jdbc;
  private final JdbcTemplate stream;
  private final TransactionTemplate reading;

  AuditTrailRepository(DataSource data, PlatformTransactionManager transactions) {
    this.jdbc = JdbcClient.create(data);
    this.stream = new JdbcTemplate(data);
    // PostgreSQL streams a result in a transaction only; H2 keeps big results on disk
    this.stream.setFetchSize(2_000);
    this.reading = new TransactionTemplate(transactions);
    this.reading.setReadOnly(true);
  }

  long countRows() {
    return jdbc.sql("SELECT COUNT(*) FROM audit_event").query(Long.class).single();
  }

  long maxEventId() {
    return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM audit_event").query(Long.class).single();
  }

  /** The newest row chained with plain SHA-256 (0 when the table lost its row). */
  long legacyCeiling() {
    return jdbc.sql("SELECT COALESCE(MIN(last_event_id), 0) FROM audit_legacy")
        .query(Long.class)
        .single();
  }

  /** Every row, by chain and within a chain oldest first, with its chain's head. */
  void walk(Consumer<ChainCheck.Row> rows) {
    reading.executeWithoutResult(
        status ->
            stream.query(
                """
                SELECT e.id, e.subject_type, e.subject_id, e.event_type, e.actor, e.occurred_at,
                       e.reason, e.details, e.previous_hash, e.hash, e.key_id,
                       c.head_hash AS chain_head
                FROM audit_event e
                LEFT JOIN audit_chain c
                  ON c.subject_type = e.subject_type AND c.subject_id = e.subject_id
                ORDER BY e.subject_type, e.subject_id, e.id
                """,
                rs -> {
                  rows.accept(new ChainCheck.Row(entry(rs), rs.getString("chain_head")));
                }));
  }

  /** Chains whose head is left while every row of theirs is gone. */
  List<Subject> headsWithoutRows() {
    return jdbc.sql(
            """
            SELECT c.subject_type, c.subject_id FROM audit_chain c
            WHERE NOT EXISTS (SELECT 1 FROM audit_event e
                              WHERE e.subject_type = c.subject_type AND e.subject_id = c.subject_id)
            ORDER BY c.subject_type, c.subject_id
            """)
        .query((rs, n) -> new Subject(rs.getString(1), rs.getString(2)))
        .list();
  }

  /**
   * The heads of the chains with a row newer than {@code sinceEventId}, at most {@code limit} of
   * them, in chain order after {@code after}; each head as of one moment.
   */
  List<ChainHead> headsChangedSince(long sinceEventId, Optional<Subject> after, int limit) {
    return jdbc.sql(
            """
            SELECT c.subject_type, c.subject_id, c.head_hash,
                   (SELECT COUNT(*) FROM audit_event n
                    WHERE n.subject_type = c.subject_type AND n.subject_id = c.subject_id) AS length
            FROM audit_chain c
            WHERE (:first OR c.subject_type > :afterType
                   OR (c.subject_type = :afterType AND c.subject_id > :afterId))
              AND EXISTS (SELECT 1 FROM audit_event e
                          WHERE e.subject_type = c.subject_type AND e.subject_id = c.subject_id
                            AND e.id > :since)
            ORDER BY c.subject_type, c.subject_id
            FETCH FIRST :limit ROWS ONLY
            """)
        .param("since", sinceEventId)
        .param("first", after.isEmpty())
        .param("afterType", after.map(Subject::type).orElse(""))
        .param("afterId", after.map(Subject::id).orElse(""))
        .param("limit", limit)
        .query(
            (rs, n) ->
                new ChainHead(
                    new Subject(rs.getString(1), rs.getString(2)),
                    rs.getLong("length"),
                    rs.getString("head_hash")))
        .list();
  }

  /**
   * The rows the search asks for, at most {@code limit}, newest first, or oldest first when {@code
   * forward} (the page after a row).
   */
  List<AuditLog.Entry> find(AuditSearch.Query q, boolean forward, int limit) {
    return jdbc.sql(
            """
            SELECT id, subject_type, subject_id, event_type, actor, occurred_at, reason, details,
                   previous_hash, hash, key_id
            FROM audit_event
            WHERE (:anyType OR subject_type = :type)
              AND (:anyId OR subject_id = :id)
              AND (:anyActor OR actor = :actor)
              AND (:anyFrom OR occurred_at >= :from)
              AND (:anyUntil OR occurred_at < :until)
              AND (:anyBefore OR id < :before)
              AND (:anyAfter OR id > :after)
            ORDER BY id            """
                + (forward ? "" : " DESC")
                + " FETCH FIRST "
                + limit
                + " ROWS ONLY")
        .param("anyType", q.subjectType().isEmpty())
        .param("type", q.subjectType().orElse(""))
        .param("anyId", q.subjectId().isEmpty())
        .param("id", q.subjectId().orElse(""))
        .param("anyActor", q.actor().isEmpty())
        .param("actor", q.actor().orElse(""))
        .param("anyFrom", q.from().isEmpty())
        .param("from", Timestamp.from(q.from().orElse(Instant.EPOCH)))
        .param("anyUntil", q.until().isEmpty())
        .param("until", Timestamp.from(q.until().orElse(Instant.EPOCH)))
        .param("anyBefore", q.before().isEmpty())
        .param("before", q.before().orElse(0L))
        .param("anyAfter", q.after().isEmpty())
        .param("after", q.after().orElse(0L))
        .query((rs, n) -> entry(rs))
        .list();
  }

  /** The kinds of subject the trail has chains of. */
  List<String> subjectTypes() {
    return jdbc.sql("SELECT DISTINCT subject_type FROM audit_chain ORDER BY subject_type")
        .query(String.class)
        .list();
  }

  private static AuditLog.Entry entry(ResultSet rs) throws SQLException {
    return new AuditLog.Entry(
        rs.getLong("id"),
        rs.getString("subject_type"),
        rs.getString("subject_id"),
        rs.getString("event_type"),
        rs.getString("actor"),
        rs.getTimestamp("occurred_at").toInstant(),
        rs.getString("reason"),
        rs.getString("details"),
        rs.getString("previous_hash"),
        rs.getString("hash"),
        rs.getString("key_id"));
  }
}
