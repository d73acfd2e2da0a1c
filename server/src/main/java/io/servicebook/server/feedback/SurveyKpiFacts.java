package io.servicebook.server.feedback;

import io.servicebook.kpi.MeasuredCase;
import io.servicebook.protocol.SurveyKind;
import io.servicebook.server.kpi.SurveyFacts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The surveys of cases with their scores, as the KPIs count them; a few cases per query. */
@Component
class SurveyKpiFacts implements SurveyFacts {

  private static final int CHUNK = 500;

  private final JdbcClient jdbc;

  SurveyKpiFacts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Map<String, List<MeasuredCase.Survey>> surveysOf(Collection<String> caseIds) {
    Map<String, List<MeasuredCase.Survey>> byCase = new LinkedHashMap<>();
    List<String> ids = List.copyOf(caseIds);
    for (int from = 0; from < ids.size(); from += CHUNK) {
      jdbc.sql(
              """
              SELECT s.case_id, s.kind, r.score
              FROM survey s LEFT JOIN survey_response r ON r.survey_id = s.id
              WHERE s.case_id IN (:ids)
              ORDER BY s.case_id, s.sent_at, s.id
              """)
          .param("ids", ids.subList(from, Math.min(ids.size(), from + CHUNK)))
          .query(
              rs -> {
                int score = rs.getInt(3);
                Optional<Integer> answered = rs.wasNull() ? Optional.empty() : Optional.of(score);
                byCase
                    .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                    .add(new MeasuredCase.Survey(SurveyKind.valueOf(rs.getString(2)), answered));
              });
    }
    return byCase;
  }
}
