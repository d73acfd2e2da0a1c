package io.servicebook.kpi;

import io.servicebook.sla.SlaTarget;

/**
 * A set of cases behind a number, for drill-down: the cases a KPI counts (see {@code
 * docs/kpis.md}).
 */
public enum Facet {
  CASES,
  RESOLVED,
  EVER_RESOLVED,
  FIRST_RESPONDED,
  FIRST_RESPONSE_MET,
  FIRST_RESPONSE_BREACHED,
  NEXT_RESPONSE_MET,
  NEXT_RESPONSE_BREACHED,
  RESOLUTION_MET,
  RESOLUTION_BREACHED,
  FIRST_CONTACT_RESOLVED,
  REOPENED,
  ESCALATED,
  FOLLOW_UP_DONE,
  /** Cases with a follow-up skipped or due and not done. */
  FOLLOW_UP_MISSED,
  RUN_FINISHED,
  /** Finished runs without unexplained deviation. */
  RUN_ADHERENT,
  /** Finished runs with a deviation that has no reason. */
  RUN_UNEXPLAINED_DEVIATION,
  RUN_WITHOUT_DEVIATION,
  COMPENSATED,
  SURVEYED,
  ANSWERED,
  CSAT_ANSWERED,
  CSAT_SATISFIED,
  NPS_ANSWERED,
  PROMOTERS,
  DETRACTORS,
  CES_ANSWERED;

  /** The cases with a cycle of this target met. */
  public static Facet met(SlaTarget target) {
    return switch (target) {
      case FIRST_RESPONSE -> FIRST_RESPONSE_MET;
      case NEXT_RESPONSE -> NEXT_RESPONSE_MET;
      case RESOLUTION -> RESOLUTION_MET;
    };
  }

  /** The cases with a cycle of this target breached. */
  public static Facet breached(SlaTarget target) {
    return switch (target) {
      case FIRST_RESPONSE -> FIRST_RESPONSE_BREACHED;
      case NEXT_RESPONSE -> NEXT_RESPONSE_BREACHED;
      case RESOLUTION -> RESOLUTION_BREACHED;
    };
  }
}
