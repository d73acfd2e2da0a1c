package io.servicebook.server.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The append-only audit trail: every change of a case, run, protocol or user, with actor, time and
 * reason. Each subject (a case, a run, a protocol…) has its own hash chain: a row's hash is an
 * HMAC-SHA256, under a key kept outside the database ({@link AuditKeys}), of the previous row of
 * the same subject and the row itself, and {@code audit_chain} keeps each chain's newest hash, so
 * an edited or deleted row shows up in {@link #verify()} even when whoever edited it recomputed the
 * chain without the key.
 *
 * <p>Appends are kept with the transaction and written just before it commits: one batch of rows,
 * and per subject one lock on its chain head. Subjects are locked in a fixed order, so two
 * transactions never wait on each other in a circle; changes of different cases never wait at all.
 */
@Component
public class AuditLog {

  static final String GENESIS = "0".repeat(64);

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate batch;
  private final Clock clock;
  private final List<Observer> observers;
  private final AuditKeys keys;
  private final AuditTrailRepository trail;

  AuditLog(
      JdbcClient jdbc,
      NamedParameterJdbcTemplate batch,
      Clock clock,
      List<Observer> observers,
      AuditKeys keys,
      AuditTrailRepository trail) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.clock = clock;
    this.observers = List.copyOf(observers);
    this.keys = keys;
    this.trail = trail;
  }

  /**
   * Hears which subjects changed, in the transaction that changed them, just before it commits:
   * what an observer writes commits with the change or not at all.
   */
  public interface Observer {

    /** The subjects with new events, by type ({@code case}, {@code run}…), each id once. */
    void changed(Map<String, java.util.Set<String>> subjectsByType);
  }

  /** One recorded change. */
  public record Entry(
      long id,
      String subjectType,
      String subjectId,
      String eventType,
      String actor,
      Instant at,
      String reason,
      String details,
      String previousHash,
      String hash,
      String keyId) {}

  /** An append not yet written. */
  private record Pending(
      Subject subject, String eventType, String actor, Instant at, String reason, String details) {}

  /** Appends a change in the caller's transaction; it is written when the transaction commits. */
  @Transactional
  public void append(
      String subjectType,
      String subjectId,
      String eventType,
      String actor,
      String reason,
      String details) {
    pending()
        .add(
            new Pending(
                new Subject(subjectType, subjectId),
                eventType,
                actor,
                // whole milliseconds: the hash covers them, and databases round finer digits
                clock.instant().truncatedTo(ChronoUnit.MILLIS),
                reason,
                details));
  }

  /** The appends of the current transaction, written by a synchronisation before it commits. */
  private List<Pending> pending() {
    @SuppressWarnings("unchecked")
    List<Pending> pending = (List<Pending>) TransactionSynchronizationManager.getResource(this);
    if (pending == null) {
      List<Pending> fresh = new ArrayList<>();
      TransactionSynchronizationManager.bindResource(this, fresh);
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
              write(fresh);
            }

            @Override
            public void afterCompletion(int status) {
              TransactionSynchronizationManager.unbindResourceIfPossible(AuditLog.this);
            }
          });
      return fresh;
    }
    return pending;
  }

  /** Writes what this transaction appended so far, so it can read it back. */
  private void flush() {
    if (TransactionSynchronizationManager.getResource(this) instanceof List<?> pending) {
      @SuppressWarnings("unchecked")
      List<Pending> appended = (List<Pending>) pending;
      write(appended);
    }
  }

  private void write(List<Pending> pending) {
    if (pending.isEmpty()) {
      return;
    }
    Map<Subject, List<Pending>> bySubject = new TreeMap<>();
    for (Pending p : pending) {
      bySubject.computeIfAbsent(p.subject(), s -> new ArrayList<>()).add(p);
    }
    List<SqlParameterSource> rows = new ArrayList<>();
    AuditKeys.Key signer = keys.signer();
    for (Map.Entry<Subject, List<Pending>> chain : bySubject.entrySet()) {
      Subject subject = chain.getKey();
      Optional<String> head =
          jdbc.sql(
                  """
                  SELECT head_hash FROM audit_chain
                  WHERE subject_type = :type AND subject_id = :id FOR UPDATE
                  """)
              .param("type", subject.type())
              .param("id", subject.id())
              .query(String.class)
              .optional();
      String previous = head.orElse(GENESIS);
      for (Pending p : chain.getValue()) {
        String hash =
            keys.sign(
                signer,
                content(
                    previous,
                    subject.type(),
                    subject.id(),
                    p.eventType(),
                    p.actor(),
                    p.at(),
                    p.reason(),
                    p.details()));
        rows.add(
            new MapSqlParameterSource()
                .addValue("subjectType", subject.type())
                .addValue("subjectId", subject.id())
                .addValue("eventType", p.eventType())
                .addValue("actor", p.actor())
                .addValue("at", Timestamp.from(p.at()))
                .addValue("reason", p.reason())
                .addValue("details", p.details())
                .addValue("previous", previous)
                .addValue("hash", hash)
                .addValue("keyId", signer.id()));
        previous = hash;
      }
      jdbc.sql(
              head.isPresent()
                  ? "UPDATE audit_chain SET head_hash = :hash WHERE subject_type = :type AND"
                      + " subject_id = :id"
                  : "INSERT INTO audit_chain (subject_type, subject_id, head_hash) VALUES (:type,"
                      + " :id, :hash)")
          .param("type", subject.type())
          .param("id", subject.id())
          .param("hash", previous)
          .update();
    }
    batch.batchUpdate(
        """
        INSERT INTO audit_event
          (subject_type, subject_id, event_type, actor, occurred_at, reason, details, previous_hash,
           hash, key_id)
        VALUES (:subjectType, :subjectId, :eventType, :actor, :at, :reason, :details, :previous,
                :hash, :keyId)
        """,
        rows.toArray(SqlParameterSource[]::new));
    if (!observers.isEmpty()) {
      Map<String, java.util.Set<String>> changed = new TreeMap<>();
      bySubject
          .keySet()
          .forEach(
              s -> changed.computeIfAbsent(s.type(), t -> new java.util.TreeSet<>()).add(s.id()));
      observers.forEach(o -> o.changed(changed));
    }
    pending.clear();
  }

  @Transactional
  public List<Entry> entries(String subjectType, String subjectId) {
    flush();
    return jdbc.sql(
            """
            SELECT id, subject_type, subject_id, event_type, actor, occurred_at, reason, details,
                   previous_hash, hash, key_id
            FROM audit_event WHERE subject_type = :type AND subject_id = :id ORDER BY id
            """)
        .param("type", subjectType)
        .param("id", subjectId)
        .query(AuditLog::entry)
        .list();
  }

  /**
   * The first entry whose hash does not match its content (under the key that signed it) or its
   * predecessor in its subject's chain, or the last entry of a chain whose head says a newer one
   * existed; empty when every chain in the database holds. The database only: {@link
   * AuditVerification} also holds the chains to the signed checkpoints.
   */
  @Transactional
  public Optional<Entry> verify() {
    flush();
    ChainCheck check = new ChainCheck(keys, trail.legacyCeiling(), java.util.Map.of());
    trail.walk(check::row);
    check.finish(List.of());
    return check
        .first()
        .flatMap(p -> Optional.ofNullable(p.eventId()))
        .flatMap(
            id ->
                jdbc.sql(
                        """
                        SELECT id, subject_type, subject_id, event_type, actor, occurred_at,
                               reason, details, previous_hash, hash, key_id
                        FROM audit_event WHERE id = :id
                        """)
                    .param("id", id)
                    .query(AuditLog::entry)
                    .optional());
  }

  private static Entry entry(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Entry(
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

  /**
   * A row's hash before the chain was keyed: plain SHA-256 of its content (key id {@code sha256}).
   */
  static String hash(
      String previous,
      String subjectType,
      String subjectId,
      String eventType,
      String actor,
      Instant at,
      String reason,
      String details) {
    return sha256(content(previous, subjectType, subjectId, eventType, actor, at, reason, details));
  }

  /** What a row's hash covers: its predecessor's hash and its own fields. */
  static String content(
      String previous,
      String subjectType,
      String subjectId,
      String eventType,
      String actor,
      Instant at,
      String reason,
      String details) {
    return String.join(
        "\u001f",
        previous,
        subjectType,
        subjectId,
        eventType,
        actor,
        Long.toString(at.toEpochMilli()),
        reason == null ? "" : reason,
        details);
  }

  /** Hex SHA-256 of a text. */
  public static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
