package io.servicebook.server.cases;

import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The conditions stopped at their cost limit while a case's protocol was chosen, in SQL. */
@Repository
class ConditionStopRepository {

  private final JdbcClient jdbc;

  ConditionStopRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(String caseId, ConditionStop stop) {
    jdbc.sql(
            """
            INSERT INTO case_condition_stop
              (case_id, protocol_slug, protocol_version, condition_name, location, expression,
               message, held_back, occurred_at)
            VALUES (:caseId, :protocol, :version, :condition, :location, :expression, :message,
                    :heldBack, :at)
            """)
        .param("caseId", caseId)
        .param("protocol", stop.protocol())
        .param("version", stop.version())
        .param("condition", clip(stop.condition(), 100))
        .param("location", clip(stop.location(), 600))
        .param("expression", stop.expression())
        .param("message", clip(stop.message(), 2000))
        .param("heldBack", stop.heldBack())
        .param("at", Timestamp.from(stop.at()))
        .update();
  }

  /** The case's stopped conditions, oldest first. */
  List<ConditionStop> of(String caseId) {
    return jdbc.sql(
            """
            SELECT protocol_slug, protocol_version, condition_name, location, expression, message,
                   held_back, occurred_at
            FROM case_condition_stop
            WHERE case_id = :caseId
            ORDER BY id
            """)
        .param("caseId", caseId)
        .query(
            (rs, n) ->
                new ConditionStop(
                    rs.getString("protocol_slug"),
                    rs.getInt("protocol_version"),
                    rs.getString("condition_name"),
                    rs.getString("location"),
                    rs.getString("expression"),
                    rs.getString("message"),
                    rs.getBoolean("held_back"),
                    rs.getTimestamp("occurred_at").toInstant()))
        .list();
  }

  private static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
