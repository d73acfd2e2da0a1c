package io.servicebook.kpi;

import static io.servicebook.kpi.MeasuredCases.aCase;
import static io.servicebook.kpi.MeasuredCases.deviation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.servicebook.compensation.Money;
import io.servicebook.followups.FollowUpStatus;
import io.servicebook.kpi.KpiValues.Mean;
import io.servicebook.kpi.KpiValues.Nps;
import io.servicebook.kpi.KpiValues.Percentiles;
import io.servicebook.kpi.KpiValues.ReasonCount;
import io.servicebook.kpi.KpiValues.Share;
import io.servicebook.kpi.MeasuredCase.SlaOutcome.Result;
import io.servicebook.protocol.SurveyKind;
import io.servicebook.sla.SlaTarget;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every KPI of six cases, computed by hand in the comments (definitions: docs/kpis.md).
 *
 * <pre>
 * case  1st resp wall/biz  resolved wall/biz  SLA                       other
 * c1    60 / 60            3600 / 1800        FR met, RES met           1 contact, CSAT 5, run done clean, follow-up done, 20.00 EUR
 * c2    120 / 120          7200 / 3600        FR met, RES breached      3 contacts, escalated, CSAT 3, NPS 10, run done: gather "Customer in a hurry", follow-up skipped
 * c3    300 / 200          86400 / 28800      FR breached, NEXT met,    reopened (and resolved again), CSAT 4, NPS 6, run done: gather " customer in a  hurry",
 *                                             NEXT breached, RES br.    label without reason; follow-up due; 30.5 EUR
 * c4    900 / 900          -                  FR breached, RES running  CSAT sent, not answered; run active: gather "system down"; follow-up scheduled
 * c5    -                  -                  FR running                reopened (open now), escalated, NPS 8, CES 2, follow-up cancelled, no run
 * c6    30 / 30            600 / 600          FR met                    0 contacts, NPS 9, CES 5, run done: label "approved by phone", 10 USD
 * </pre>
 */
class KpiValuesTests {

  private static final List<MeasuredCase> SIX =
      List.of(
          aCase("c1")
              .firstResponseAfter(60)
              .resolvedAfter(3600, 1800)
              .sla(SlaTarget.FIRST_RESPONSE, Result.MET)
              .sla(SlaTarget.RESOLUTION, Result.MET)
              .survey(SurveyKind.CSAT, 5)
              .run(true)
              .followUp(FollowUpStatus.DONE)
              .compensation("20.00", "EUR")
              .build(),
          aCase("c2")
              .firstResponseAfter(120)
              .resolvedAfter(7200, 3600)
              .sla(SlaTarget.FIRST_RESPONSE, Result.MET)
              .sla(SlaTarget.RESOLUTION, Result.BREACHED)
              .contacts(3)
              .escalated()
              .survey(SurveyKind.CSAT, 3)
              .survey(SurveyKind.NPS, 10)
              .run(true, deviation("gather", "Customer in a hurry"))
              .followUp(FollowUpStatus.SKIPPED)
              .build(),
          aCase("c3")
              .firstResponseAfter(300, 200)
              .resolvedAfter(86_400, 28_800)
              .sla(SlaTarget.FIRST_RESPONSE, Result.BREACHED)
              .sla(SlaTarget.NEXT_RESPONSE, Result.MET)
              .sla(SlaTarget.NEXT_RESPONSE, Result.BREACHED)
              .sla(SlaTarget.RESOLUTION, Result.BREACHED)
              .reopened()
              .survey(SurveyKind.CSAT, 4)
              .survey(SurveyKind.NPS, 6)
              .run(true, deviation("gather", " customer in a  hurry"), deviation("label", null))
              .followUp(FollowUpStatus.DUE)
              .compensation("30.5", "EUR")
              .build(),
          aCase("c4")
              .firstResponseAfter(900)
              .sla(SlaTarget.FIRST_RESPONSE, Result.BREACHED)
              .sla(SlaTarget.RESOLUTION, Result.RUNNING)
              .survey(SurveyKind.CSAT, null)
              .run(false, deviation("gather", "system down"))
              .followUp(FollowUpStatus.SCHEDULED)
              .build(),
          aCase("c5")
              .sla(SlaTarget.FIRST_RESPONSE, Result.RUNNING)
              .reopened()
              .escalated()
              .survey(SurveyKind.NPS, 8)
              .survey(SurveyKind.CES, 2)
              .followUp(FollowUpStatus.CANCELLED)
              .build(),
          aCase("c6")
              .firstResponseAfter(30)
              .resolvedAfter(600)
              .sla(SlaTarget.FIRST_RESPONSE, Result.MET)
              .contacts(0)
              .survey(SurveyKind.NPS, 9)
              .survey(SurveyKind.CES, 5)
              .run(true, deviation("label", "approved by phone"))
              .compensation("10", "USD")
              .build());

  private final KpiValues kpis = Rollup.of(SIX).kpis();

  @Test
  void volumeAndResolutionRateCountCasesAndTheResolvedOnes() {
    // c1, c2, c3, c6 are resolved: 4 of 6
    assertThat(kpis.cases()).isEqualTo(6);
    assertThat(kpis.resolutionRate()).isEqualTo(new Share(4, 6));
    assertThat(kpis.casesBehind(Facet.RESOLVED)).containsExactly("c1", "c2", "c3", "c6");
  }

  @Test
  void firstResponsePercentilesAreNearestRank() {
    // wall: 30 60 120 300 900, n = 5: p50 rank ⌈2.5⌉ = 3 -> 120; p90 rank ⌈4.5⌉ = 5 -> 900
    assertThat(kpis.firstResponse())
        .isEqualTo(new Percentiles(5, Optional.of(120L), Optional.of(900L)));
    // business: 30 60 120 200 900: p50 = 120, p90 = 900
    assertThat(kpis.firstResponseBusiness())
        .isEqualTo(new Percentiles(5, Optional.of(120L), Optional.of(900L)));
  }

  @Test
  void resolutionPercentilesTakeTheLowerMiddleForAnEvenCount() {
    // wall: 600 3600 7200 86400, n = 4: p50 rank ⌈2⌉ = 2 -> 3600; p90 rank ⌈3.6⌉ = 4 -> 86400
    assertThat(kpis.resolution())
        .isEqualTo(new Percentiles(4, Optional.of(3600L), Optional.of(86_400L)));
    // business: 600 1800 3600 28800: p50 = 1800, p90 = 28800
    assertThat(kpis.resolutionBusiness())
        .isEqualTo(new Percentiles(4, Optional.of(1800L), Optional.of(28_800L)));
  }

  @Test
  void slaAttainmentCountsMetOverDecidedCyclesAndLeavesRunningClocksOut() {
    // first response: met c1 c2 c6, breached c3 c4, running c5 left out: 3 / 5
    // next response: c3 met once and breached once: 1 / 2
    // resolution: met c1, breached c2 c3, running c4 left out: 1 / 3
    // all targets: (3 + 1 + 1) / (5 + 2 + 3) = 5 / 10
    assertThat(kpis.slaAttainment())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                SlaTarget.FIRST_RESPONSE, new Share(3, 5),
                SlaTarget.NEXT_RESPONSE, new Share(1, 2),
                SlaTarget.RESOLUTION, new Share(1, 3)));
    assertThat(kpis.slaAttainmentOverall()).isEqualTo(new Share(5, 10));
    assertThat(kpis.casesBehind(Facet.FIRST_RESPONSE_BREACHED)).containsExactly("c3", "c4");
  }

  @Test
  void aCaseResolvedBeforeAnyReplyCountsItsStoppedFirstResponseButNoFirstResponseTime() {
    // docs/kpis.md, "A cycle resolved before any first response": resolving stopped the clock, in
    // time for `silent`, too late for `late`; neither has a first response to time
    KpiValues values =
        Rollup.of(
                List.of(
                    aCase("answered")
                        .firstResponseAfter(60)
                        .resolvedAfter(1200)
                        .sla(SlaTarget.FIRST_RESPONSE, Result.MET)
                        .build(),
                    aCase("silent")
                        .resolvedAfter(600)
                        .sla(SlaTarget.FIRST_RESPONSE, Result.MET)
                        .build(),
                    aCase("late")
                        .resolvedAfter(7200)
                        .sla(SlaTarget.FIRST_RESPONSE, Result.BREACHED)
                        .build()))
            .kpis();

    assertThat(values.slaAttainment().get(SlaTarget.FIRST_RESPONSE)).isEqualTo(new Share(2, 3));
    assertThat(values.casesBehind(Facet.FIRST_RESPONSE_MET)).containsExactly("answered", "silent");
    assertThat(values.firstResponse())
        .isEqualTo(new Percentiles(1, Optional.of(60L), Optional.of(60L)));
    assertThat(values.firstResponseBusiness().n()).isEqualTo(1);
    assertThat(values.casesBehind(Facet.FIRST_RESPONDED)).containsExactly("answered");
  }

  @Test
  void firstContactResolutionCountsResolvedCasesNeverReopenedWithAtMostOneContact() {
    // resolved c1 c2 c3 c6; c2 had 3 contacts, c3 was reopened: c1 and c6, 2 / 4
    assertThat(kpis.firstContactResolution()).isEqualTo(new Share(2, 4));
    assertThat(kpis.casesBehind(Facet.FIRST_CONTACT_RESOLVED)).containsExactly("c1", "c6");
  }

  @Test
  void reopenRateIsOverCasesEverResolvedAndEscalationRateOverAllCases() {
    // reopened c3 c5; ever resolved c1 c2 c3 c5 c6: 2 / 5. Escalated c2 c5: 2 / 6
    assertThat(kpis.reopenRate()).isEqualTo(new Share(2, 5));
    assertThat(kpis.escalationRate()).isEqualTo(new Share(2, 6));
    assertThat(kpis.casesBehind(Facet.ESCALATED)).containsExactly("c2", "c5");
  }

  @Test
  void followUpCompletionLeavesScheduledAndCancelledOnesOut() {
    // done c1; skipped c2; due c3; c4 scheduled and c5 cancelled left out: 1 / 3
    assertThat(kpis.followUpCompletion()).isEqualTo(new Share(1, 3));
    assertThat(kpis.casesBehind(Facet.FOLLOW_UP_MISSED)).containsExactly("c2", "c3");
  }

  @Test
  void adherenceCountsFinishedRunsWithoutADeviationLackingAReason() {
    // finished runs c1 c2 c3 c6 (c4 still active); only c3 has a deviation without reason: 3 / 4
    // without any deviation: only c1, 1 / 4
    assertThat(kpis.adherence()).isEqualTo(new Share(3, 4));
    assertThat(kpis.runsWithoutDeviation()).isEqualTo(new Share(1, 4));
    assertThat(kpis.casesBehind(Facet.RUN_UNEXPLAINED_DEVIATION)).containsExactly("c3");
  }

  @Test
  void deviationReasonsAreGroupedPerStepIgnoringCaseAndSpacesMostFrequentFirst() {
    // gather: "customer in a hurry" c2 + c3 = 2, "system down" c4 = 1 (active runs count too)
    // label: no reason c3 = 1, "approved by phone" c6 = 1 (a tie: no reason sorts first)
    assertThat(kpis.topDeviationReasons("gather", 5))
        .containsExactly(
            new ReasonCount("gather", Optional.of("customer in a hurry"), 2, Set.of("c2", "c3")),
            new ReasonCount("gather", Optional.of("system down"), 1, Set.of("c4")));
    assertThat(kpis.topDeviationReasons("label", 1))
        .containsExactly(new ReasonCount("label", Optional.empty(), 1, Set.of("c3")));
  }

  @Test
  void aReasonIsNormalisedAsReportsGroupIt() {
    assertThat(ReasonCount.normalised(" Customer in a \t HURRY ")).isEqualTo("customer in a hurry");
    assertThat(ReasonCount.normalised("  ")).as("nothing left: no reason").isEmpty();
  }

  @Test
  void compensationIsSummedPerCurrencyAndSetAgainstABudget() {
    // EUR 20.00 + 30.5 = 50.5; USD 10. Against 200 EUR: 50.5 / 200 = 0.2525
    assertThat(kpis.compensationSpent())
        .containsExactly(
            Map.entry("EUR", new BigDecimal("50.5")), Map.entry("USD", new BigDecimal("10")));
    assertThat(kpis.compensationPerCase()).as("two currencies do not add up").isEmpty();
    KpiValues.BudgetUse use = kpis.spentAgainst(Money.of("200", "EUR"));
    assertThat(use.spent()).isEqualTo(Money.of("50.5", "EUR"));
    assertThat(use.share()).hasValueSatisfying(s -> assertThat(s).isCloseTo(0.2525, within(1e-12)));
  }

  @Test
  void csatAverageAndSatisfiedShareCountAnswersOnly() {
    // answers 5, 3, 4 (c4 did not answer): mean 12 / 3 = 4.0; 4 or 5: c1 c3, 2 / 3
    assertThat(kpis.csatAverage()).isEqualTo(new Mean(3, 12));
    assertThat(kpis.csatAverage().value()).contains(4.0);
    assertThat(kpis.csatSatisfied()).isEqualTo(new Share(2, 3));
  }

  @Test
  void npsIsPercentPromotersMinusPercentDetractors() {
    // 10 and 9 promote (c2 c6), 8 is passive (c5), 6 detracts (c3): 100 * (2 - 1) / 4 = 25
    assertThat(kpis.nps()).isEqualTo(new Nps(2, 1, 1));
    assertThat(kpis.nps().value()).contains(25.0);
    assertThat(kpis.casesBehind(Facet.PROMOTERS)).containsExactly("c2", "c6");
    assertThat(kpis.casesBehind(Facet.DETRACTORS)).containsExactly("c3");
  }

  @Test
  void cesAverageAndSurveyResponseRate() {
    // CES 2 and 5: 3.5. Surveys sent 1 + 2 + 2 + 1 + 2 + 2 = 10, answered all but c4's: 9 / 10
    assertThat(kpis.cesAverage().value()).contains(3.5);
    assertThat(kpis.surveyResponseRate()).isEqualTo(new Share(9, 10));
    assertThat(kpis.scores().get(SurveyKind.CSAT))
        .containsExactly(Map.entry(3, 1L), Map.entry(4, 1L), Map.entry(5, 1L));
  }

  @Test
  void numbersWithoutDataHaveNoValueRatherThanZero() {
    KpiValues none = Rollup.empty().kpis();

    assertThat(none.cases()).isZero();
    assertThat(none.resolutionRate().value()).isEmpty();
    assertThat(none.firstResponse())
        .isEqualTo(new Percentiles(0, Optional.empty(), Optional.empty()));
    assertThat(none.csatAverage().value()).isEmpty();
    assertThat(none.nps().value()).isEmpty();
    assertThat(none.compensationPerCase()).isEmpty();
  }

  @Test
  void compensationPerCaseDividesASingleCurrencyByAllCases() {
    // 20.00 + 30.5 EUR over 4 cases = 12.625
    KpiValues eur = Rollup.of(SIX.subList(0, 4)).kpis();

    assertThat(eur.compensationPerCase())
        .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("12.625"));
  }
}
