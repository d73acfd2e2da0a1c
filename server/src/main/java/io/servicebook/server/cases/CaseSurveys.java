package io.servicebook.server.cases;

import java.time.Instant;
import java.util.List;

/**
 * What cases need from surveys, implemented by the feedback feature: the surveys a case's JSON
 * shows. Declared here so that feedback depends on cases and not the other way round.
 */
public interface CaseSurveys {

  /** The case's surveys, oldest first. */
  List<SurveySummary> of(String caseId);

  /**
   * A survey as a case shows it.
   *
   * @param kind {@code csat}, {@code nps} or {@code ces}
   * @param url the public page that takes the answer
   * @param status {@code sent}, {@code answered}, {@code expired} or {@code opted_out}, as now
   */
  record SurveySummary(
      String kind, String token, String url, String status, Instant sentAt, Instant expiresAt) {}
}
