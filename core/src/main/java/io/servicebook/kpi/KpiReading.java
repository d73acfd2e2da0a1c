package io.servicebook.kpi;

import io.servicebook.kpi.KpiValues.Mean;
import io.servicebook.kpi.KpiValues.Percentiles;
import io.servicebook.kpi.KpiValues.Share;
import io.servicebook.protocol.Kpi;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;

/**
 * A benchmark KPI read off a group's values, exactly, with the number of answers, measured cases or
 * the denominator behind it. Times are business seconds (see {@code docs/kpis.md}).
 */
record KpiReading(Optional<BigDecimal> value, long n) {

  static KpiReading of(Kpi kpi, KpiValues values) {
    return switch (kpi) {
      case CSAT_AVG -> mean(values.csatAverage());
      case NPS -> new KpiReading(values.nps().value().map(BigDecimal::valueOf), values.nps().n());
      case CES_AVG -> mean(values.cesAverage());
      case FIRST_RESPONSE_P50 -> median(values.firstResponseBusiness());
      case FIRST_RESPONSE_P90 -> p90(values.firstResponseBusiness());
      case RESOLUTION_P50 -> median(values.resolutionBusiness());
      case RESOLUTION_P90 -> p90(values.resolutionBusiness());
      case COMPENSATION_PER_CASE -> new KpiReading(values.compensationPerCase(), values.cases());
      case CSAT_SATISFIED_SHARE,
          SURVEY_RESPONSE_RATE,
          RESOLUTION_RATE,
          SLA_ATTAINMENT,
          FIRST_CONTACT_RESOLUTION,
          ESCALATION_RATE,
          REOPEN_RATE,
          ADHERENCE,
          FOLLOW_UP_COMPLETION ->
          share(share(kpi, values));
    };
  }

  /** The share behind a KPI whose unit is a ratio. */
  static Share share(Kpi kpi, KpiValues values) {
    return switch (kpi) {
      case CSAT_SATISFIED_SHARE -> values.csatSatisfied();
      case SURVEY_RESPONSE_RATE -> values.surveyResponseRate();
      case RESOLUTION_RATE -> values.resolutionRate();
      case SLA_ATTAINMENT -> values.slaAttainmentOverall();
      case FIRST_CONTACT_RESOLUTION -> values.firstContactResolution();
      case ESCALATION_RATE -> values.escalationRate();
      case REOPEN_RATE -> values.reopenRate();
      case ADHERENCE -> values.adherence();
      case FOLLOW_UP_COMPLETION -> values.followUpCompletion();
      default -> throw new IllegalStateException("Bug: " + kpi + " is not a share.");
    };
  }

  private static KpiReading share(Share share) {
    return new KpiReading(ratio(share.count(), share.of()), share.of());
  }

  private static KpiReading mean(Mean mean) {
    return new KpiReading(ratio(mean.sum(), mean.n()), mean.n());
  }

  private static Optional<BigDecimal> ratio(long numerator, long denominator) {
    return denominator == 0
        ? Optional.empty()
        : Optional.of(
            BigDecimal.valueOf(numerator)
                .divide(BigDecimal.valueOf(denominator), MathContext.DECIMAL64));
  }

  private static KpiReading median(Percentiles percentiles) {
    return new KpiReading(percentiles.p50().map(BigDecimal::valueOf), percentiles.n());
  }

  private static KpiReading p90(Percentiles percentiles) {
    return new KpiReading(percentiles.p90().map(BigDecimal::valueOf), percentiles.n());
  }
}
