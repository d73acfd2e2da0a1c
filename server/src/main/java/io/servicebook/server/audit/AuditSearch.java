package io.servicebook.server.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds rows of the audit trail by subject, actor and time, newest first, a page at a time. Pages
 * are cut by row id (keyset), so a page costs the same however deep it is, and rows appended
 * meanwhile do not shift the pages already seen.
 */
@Component
public class AuditSearch {

  /** The most rows a page has. */
  public static final int LARGEST_PAGE = 200;

  /**
   * What to look for; every part optional. {@code from} is inclusive, {@code until} exclusive.
   * {@code before} asks for the page of rows older than that id, {@code after} for the page of rows
   * newer than it (at most one of them).
   */
  public record Query(
      Optional<String> subjectType,
      Optional<String> subjectId,
      Optional<String> actor,
      Optional<Instant> from,
      Optional<Instant> until,
      Optional<Long> before,
      Optional<Long> after,
      int size) {

    public Query {
      if (size < 1 || size > LARGEST_PAGE) {
        throw new IllegalArgumentException("a page has 1 to " + LARGEST_PAGE + " rows: " + size);
      }
      if (before.isPresent() && after.isPresent()) {
        throw new IllegalArgumentException("a page is before a row or after one, not both");
      }
    }
  }

  /**
   * A page of rows, newest first, with the id to ask {@code before} for the older page and {@code
   * after} for the newer one, when there are such rows.
   */
  public record Page(List<AuditLog.Entry> rows, Optional<Long> older, Optional<Long> newer) {}

  private final JdbcClient jdbc;

  AuditSearch(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Page search(Query q) {
    boolean forward = q.after().isPresent();
    List<AuditLog.Entry> rows =
        new ArrayList<>(
            jdbc.sql(
                    """
                    SELECT id, subject_type, subject_id, event_type, actor, occurred_at, reason,
                           details, previous_hash, hash, key_id
                    FROM audit_event
                    WHERE (:anyType OR subject_type = :type)
                      AND (:anyId OR subject_id = :id)
                      AND (:anyActor OR actor = :actor)
                      AND (:anyFrom OR occurred_at >= :from)
                      AND (:anyUntil OR occurred_at < :until)
                      AND (:anyBefore OR id < :before)
                      AND (:anyAfter OR id > :after)
                    ORDER BY id\
                    """
                        + (forward ? "" : " DESC")
                        + " FETCH FIRST "
                        + (q.size() + 1)
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
                .query(
                    (rs, n) ->
                        new AuditLog.Entry(
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
                            rs.getString("key_id")))
                .list());
    boolean more = rows.size() > q.size();
    if (more) {
      rows.removeLast();
    }
    if (forward) {
      Collections.reverse(rows);
    }
    if (rows.isEmpty()) {
      return new Page(List.of(), Optional.empty(), Optional.empty());
    }
    long newest = rows.getFirst().id();
    long oldest = rows.getLast().id();
    boolean older = forward || more;
    boolean newer = forward ? more : q.before().isPresent();
    return new Page(
        List.copyOf(rows),
        older ? Optional.of(oldest) : Optional.empty(),
        newer ? Optional.of(newest) : Optional.empty());
  }

  /** The kinds of subject the trail has chains of, such as {@code case} and {@code budget}. */
  public List<String> subjectTypes() {
    return jdbc.sql("SELECT DISTINCT subject_type FROM audit_chain ORDER BY subject_type")
        .query(String.class)
        .list();
  }
}
