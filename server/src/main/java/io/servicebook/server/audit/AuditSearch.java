package io.servicebook.server.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
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

  private final AuditTrailRepository trail;

  AuditSearch(AuditTrailRepository trail) {
    this.trail = trail;
  }

  public Page search(Query q) {
    boolean forward = q.after().isPresent();
    List<AuditLog.Entry> rows = new ArrayList<>(trail.find(q, forward, q.size() + 1));
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
    return trail.subjectTypes();
  }
}
