package io.servicebook.server.followups;

import io.servicebook.followups.Resolution;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The resolution cycles of cases in SQL: one row per time a case was resolved. */
@Repository
class ResolutionRepository {

  private final JdbcClient jdbc;

  ResolutionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Records that the case was resolved and answers the new cycle: 1, then 2 after a reopen. */
  Resolution start(String caseId, Instant at) {
    int cycle =
        jdbc.sql("SELECT COALESCE(MAX(cycle), 0) + 1 FROM case_resolution WHERE case_id = :caseId")
            .param("caseId", caseId)
            .query(Integer.class)
            .single();
    Resolution resolution = new Resolution(cycle, at.truncatedTo(ChronoUnit.MILLIS));
    jdbc.sql(
            """
            INSERT INTO case_resolution (case_id, cycle, resolved_at)
            VALUES (:caseId, :cycle, :at)
            """)
        .param("caseId", caseId)
        .param("cycle", cycle)
        .param("at", Timestamp.from(resolution.resolvedAt()))
        .update();
    return resolution;
  }

  /** The resolution in effect: the case is resolved and has not left it since. */
  Optional<Resolution> current(String caseId) {
    return jdbc.sql(
            """
            SELECT cycle, resolved_at FROM case_resolution
            WHERE case_id = :caseId AND ended_at IS NULL
            ORDER BY cycle DESC LIMIT 1
            """)
        .param("caseId", caseId)
        .query((rs, n) -> new Resolution(rs.getInt(1), rs.getTimestamp(2).toInstant()))
        .optional();
  }

  /** Ends the resolution in effect, if any, and answers it. */
  Optional<Resolution> end(String caseId, Instant at) {
    Optional<Resolution> current = current(caseId);
    current.ifPresent(
        r ->
            jdbc.sql(
                    """
                    UPDATE case_resolution SET ended_at = :at
                    WHERE case_id = :caseId AND cycle = :cycle
                    """)
                .param("at", Timestamp.from(at))
                .param("caseId", caseId)
                .param("cycle", r.cycle())
                .update());
    return current;
  }
}
