package io.servicebook.server.kpi;

import io.servicebook.kpi.MeasuredCase;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The surveys sent about cases and their scores, for the KPIs; the survey feature implements it,
 * and until it does no case has surveys (see {@link KpiConfiguration}).
 */
public interface SurveyFacts {

  /** The surveys of each of the cases, by case id; a case without surveys may be left out. */
  Map<String, List<MeasuredCase.Survey>> surveysOf(Collection<String> caseIds);
}
