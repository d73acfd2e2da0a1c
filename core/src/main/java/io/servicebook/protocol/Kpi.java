package io.servicebook.protocol;

import java.util.Locale;

/** The measures a protocol can set a benchmark on, with the unit their target is written in. */
public enum Kpi {
  CSAT_AVG(Unit.SCORE),
  CSAT_SATISFIED_SHARE(Unit.RATIO),
  NPS(Unit.SCORE),
  CES_AVG(Unit.SCORE),
  SURVEY_RESPONSE_RATE(Unit.RATIO),
  FIRST_RESPONSE_P50(Unit.DURATION),
  FIRST_RESPONSE_P90(Unit.DURATION),
  RESOLUTION_P50(Unit.DURATION),
  RESOLUTION_P90(Unit.DURATION),
  RESOLUTION_RATE(Unit.RATIO),
  SLA_ATTAINMENT(Unit.RATIO),
  FIRST_CONTACT_RESOLUTION(Unit.RATIO),
  ESCALATION_RATE(Unit.RATIO),
  REOPEN_RATE(Unit.RATIO),
  ADHERENCE(Unit.RATIO),
  FOLLOW_UP_COMPLETION(Unit.RATIO),
  COMPENSATION_PER_CASE(Unit.SCORE);

  /** How a target is written: a number, a share from 0 to 1, or an ISO-8601 duration. */
  public enum Unit {
    SCORE,
    RATIO,
    DURATION
  }

  private final Unit unit;

  Kpi(Unit unit) {
    this.unit = unit;
  }

  public Unit unit() {
    return unit;
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
