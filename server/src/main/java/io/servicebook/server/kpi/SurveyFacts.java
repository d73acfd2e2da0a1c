package io.servicebook.server.kpi;

import io.servicebook.kpi.MeasuredCase;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The surveys sent about cases and their scores, for the KPIs; the survey feature (package {@code
 * feedback}) implements it.
 */
public interface SurveyFacts {

  /** The surveys of each of the cases, by case id; a case without surveys may be left out. */
  Map<String, List<MeasuredCase.Survey>> surveysOf(Collection<String> caseIds);
}
