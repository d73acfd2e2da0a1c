package io.servicebook.server.feedback;

import io.servicebook.kpi.MeasuredCase;
import io.servicebook.server.kpi.SurveyFacts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The surveys of cases with their scores, as the KPIs count them; a few hundred cases a query. */
@Component
class SurveyKpiFacts implements SurveyFacts {

  private static final int CHUNK = 500;

  private final SurveyRepository surveys;

  SurveyKpiFacts(SurveyRepository surveys) {
    this.surveys = surveys;
  }

  @Override
  public Map<String, List<MeasuredCase.Survey>> surveysOf(Collection<String> caseIds) {
    Map<String, List<MeasuredCase.Survey>> byCase = new LinkedHashMap<>();
    List<String> ids = List.copyOf(caseIds);
    for (int from = 0; from < ids.size(); from += CHUNK) {
      for (SurveyRepository.Answer answer :
          surveys.answersOf(ids.subList(from, Math.min(ids.size(), from + CHUNK)))) {
        byCase
            .computeIfAbsent(answer.caseId(), k -> new ArrayList<>())
            .add(new MeasuredCase.Survey(answer.kind(), answer.score()));
      }
    }
    return byCase;
  }
}
