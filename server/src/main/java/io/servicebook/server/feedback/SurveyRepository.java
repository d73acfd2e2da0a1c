package io.servicebook.server.feedback;

import io.servicebook.feedback.Survey;
import io.servicebook.feedback.SurveyStatus;
import io.servicebook.protocol.SurveyKind;
import io.servicebook.server.cases.StoredCase.ProtocolRef;
import io.servicebook.server.kpi.SurveyComments;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Surveys, their answers and the customers who opted out, in SQL. */
@Repository
class SurveyRepository {

  private static final String COLUMNS =
      """
      id, case_id, customer_id, kind, token, source_kind, protocol_slug, protocol_version, status,
      sent_at, expires_at, closed_at, created_by, version
      """;

  private final JdbcClient jdbc;

  SurveyRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** An answer as stored. */
  record Response(int score, Optional<String> comment, Instant answeredAt) {}

  void insert(StoredSurvey stored) {
    Survey s = stored.survey();
    jdbc.sql(
            """
            INSERT INTO survey
              (id, case_id, customer_id, kind, token, source_kind, protocol_slug,
               protocol_version, status, sent_at, expires_at, closed_at, created_by, version)
            VALUES (:id, :caseId, :customerId, :kind, :token, :source, :slug, :protocolVersion,
                    :status, :sentAt, :expiresAt, :closedAt, :createdBy, :version)
            """)
        .param("id", s.id())
        .param("caseId", s.caseId())
        .param("customerId", s.customerId())
        .param("kind", s.kind().name())
        .param("token", s.token())
        .param("source", stored.source().name())
        .param("slug", stored.protocol().map(ProtocolRef::slug).orElse(null))
        .param("protocolVersion", stored.protocol().map(ProtocolRef::version).orElse(null))
        .param("status", s.status().name())
        .param("sentAt", Timestamp.from(s.sentAt()))
        .param("expiresAt", Timestamp.from(s.expiresAt()))
        .param("closedAt", s.closedAt().map(Timestamp::from).orElse(null))
        .param("createdBy", stored.createdBy())
        .param("version", stored.version())
        .update();
  }

  /**
   * Writes the survey's status if nobody changed it since {@code version}; false when somebody did.
   */
  boolean update(Survey s, long version) {
    return jdbc.sql(
                """
                UPDATE survey SET status = :status, closed_at = :closedAt, version = version + 1
                WHERE id = :id AND version = :version
                """)
            .param("status", s.status().name())
            .param("closedAt", s.closedAt().map(Timestamp::from).orElse(null))
            .param("id", s.id())
            .param("version", version)
            .update()
        == 1;
  }

  Optional<StoredSurvey> byToken(String token) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM survey WHERE token = :token")
        .param("token", token)
        .query(SurveyRepository::row)
        .optional();
  }

  /** The case's surveys, oldest first. */
  List<StoredSurvey> ofCase(String caseId) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM survey WHERE case_id = :caseId ORDER BY sent_at, id")
        .param("caseId", caseId)
        .query(SurveyRepository::row)
        .list();
  }

  void insertResponse(String surveyId, int score, Optional<String> comment, Instant at) {
    jdbc.sql(
            """
            INSERT INTO survey_response (survey_id, score, comment, answered_at)
            VALUES (:surveyId, :score, :comment, :at)
            """)
        .param("surveyId", surveyId)
        .param("score", score)
        .param("comment", comment.orElse(null))
        .param("at", Timestamp.from(at))
        .update();
  }

  Optional<Response> response(String surveyId) {
    return jdbc.sql(
            "SELECT score, comment, answered_at FROM survey_response WHERE survey_id = :surveyId")
        .param("surveyId", surveyId)
        .query(
            (rs, n) ->
                new Response(
                    rs.getInt("score"),
                    Optional.ofNullable(rs.getString("comment")),
                    rs.getTimestamp("answered_at").toInstant()))
        .optional();
  }

  /** When the customer opted out of surveys, if they did. */
  Optional<Instant> optedOutAt(String customerId) {
    return jdbc.sql("SELECT opted_out_at FROM survey_opt_out WHERE customer_id = :customerId")
        .param("customerId", customerId)
        .query((rs, n) -> rs.getTimestamp(1).toInstant())
        .optional();
  }

  /** Remembers that the customer opted out from this survey's page; false if they had already. */
  boolean optOut(String customerId, String surveyId, Instant at) {
    if (optedOutAt(customerId).isPresent()) {
      return false;
    }
    jdbc.sql(
            """
            INSERT INTO survey_opt_out (customer_id, opted_out_at, survey_id)
            VALUES (:customerId, :at, :surveyId)
            """)
        .param("customerId", customerId)
        .param("at", Timestamp.from(at))
        .param("surveyId", surveyId)
        .update();
    return true;
  }

  private static StoredSurvey row(ResultSet rs, int n) throws SQLException {
    String slug = rs.getString("protocol_slug");
    int protocolVersion = rs.getInt("protocol_version");
    Optional<ProtocolRef> protocol =
        slug == null || rs.wasNull()
            ? Optional.empty()
            : Optional.of(new ProtocolRef(slug, protocolVersion));
    Timestamp closedAt = rs.getTimestamp("closed_at");
    Survey survey =
        new Survey(
            rs.getString("id"),
            rs.getString("case_id"),
            rs.getString("customer_id"),
            SurveyKind.valueOf(rs.getString("kind")),
            rs.getString("token"),
            SurveyStatus.valueOf(rs.getString("status")),
            rs.getTimestamp("sent_at").toInstant(),
            rs.getTimestamp("expires_at").toInstant(),
            Optional.ofNullable(closedAt).map(Timestamp::toInstant));
    return new StoredSurvey(
        survey,
        StoredSurvey.Source.valueOf(rs.getString("source_kind")),
        protocol,
        rs.getString("created_by"),
        rs.getLong("version"));
  }

  /** A survey of a case as the KPIs count it: its kind and the score, when it was answered. */
  record Answer(String caseId, SurveyKind kind, Optional<Integer> score) {}

  /** The surveys of the cases (at most a few hundred ids), oldest first per case. */
  List<Answer> answersOf(List<String> caseIds) {
    return jdbc.sql(
            """
            SELECT s.case_id, s.kind, r.score
            FROM survey s LEFT JOIN survey_response r ON r.survey_id = s.id
            WHERE s.case_id IN (:ids)
            ORDER BY s.case_id, s.sent_at, s.id
            """)
        .param("ids", caseIds)
        .query(
            (rs, n) -> {
              int score = rs.getInt(3);
              Optional<Integer> answered = rs.wasNull() ? Optional.empty() : Optional.of(score);
              return new Answer(rs.getString(1), SurveyKind.valueOf(rs.getString(2)), answered);
            })
        .list();
  }

  /**
   * The commented answers about each protocol in a time span, lowest on their kind's scale first (a
   * CSAT 2 of 5 before an NPS 6 of 10), then newest first, at most {@code limit} per protocol.
   */
  Map<String, List<SurveyComments.Comment>> lowestScoredComments(
      Collection<String> slugs, Instant from, Instant to, int limit) {
    Map<String, List<SurveyComments.Comment>> bySlug = new LinkedHashMap<>();
    jdbc.sql(
            """
            SELECT protocol_slug, case_id, kind, score, comment, answered_at FROM (
              SELECT s.protocol_slug, s.case_id, s.kind, r.score, r.comment, r.answered_at,
                     ROW_NUMBER() OVER (
                       PARTITION BY s.protocol_slug
                       ORDER BY CASE s.kind
                                  WHEN 'CSAT' THEN (r.score - 1) / 4.0
                                  WHEN 'CES' THEN (r.score - 1) / 6.0
                                  ELSE r.score / 10.0
                                END,
                                r.answered_at DESC, s.id) AS place
              FROM survey s JOIN survey_response r ON r.survey_id = s.id
              WHERE s.protocol_slug IN (:slugs) AND s.sent_at < :to
                AND r.answered_at >= :from AND r.answered_at < :to
                AND r.comment IS NOT NULL AND r.comment <> ''
            ) ranked
            WHERE place <= :limit ORDER BY protocol_slug, place
            """)
        .param("slugs", List.copyOf(slugs))
        .param("from", Timestamp.from(from))
        .param("to", Timestamp.from(to))
        .param("limit", limit)
        .query(
            rs -> {
              bySlug
                  .computeIfAbsent(rs.getString("protocol_slug"), k -> new ArrayList<>())
                  .add(
                      new SurveyComments.Comment(
                          rs.getString("case_id"),
                          SurveyKind.valueOf(rs.getString("kind")),
                          rs.getInt("score"),
                          rs.getString("comment"),
                          rs.getTimestamp("answered_at").toInstant()));
            });
    return bySlug;
  }
}
