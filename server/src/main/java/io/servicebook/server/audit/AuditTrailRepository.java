package io.servicebook.server.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
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
