package io.servicebook.kpi;

import static io.servicebook.kpi.MeasuredCases.aCase;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.diagnostics.Position;
import io.servicebook.kpi.Health.Status;
import io.servicebook.protocol.Benchmark;
import io.servicebook.protocol.Benchmark.Comparison;
import io.servicebook.protocol.Kpi;
import io.servicebook.protocol.Protocol;
import io.servicebook.protocol.SurveyKind;
import io.servicebook.testing.Packs;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Forty cases: first response after 100, 200, …, 4000 business seconds, so p90 is rank ⌈36⌉ = 36,
 * 3600 s; CSAT 5 from thirty and 3 from ten, so the average is (150 + 30) / 40 = 4.5; no NPS.
 */
class HealthTests {

  private static final Rollup FORTY = forty();

  private static Rollup forty() {
    List<MeasuredCase> cases = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      cases.add(
          aCase("c" + i)
              .firstResponseAfter(i * 100L)
              .survey(SurveyKind.CSAT, i <= 30 ? 5 : 3)
              .build());
    }
    return Rollup.of(cases);
  }

  private static Benchmark benchmark(Kpi kpi, Comparison comparison, String target) {
    return new Benchmark(
        kpi,
        comparison,
        new BigDecimal(target),
        comparison.symbol() + " " + target,
        Position.START);
  }

  private static Health.Check check(Benchmark benchmark) {
    return Kpis.health(List.of(benchmark), FORTY, Health.Rules.DEFAULT).checks().get(0);
  }

  @Test
  void aBenchmarkMetIsOk() {
    // 4.5 >= 4.5; 3600 <= PT1H (3600)
    assertThat(check(benchmark(Kpi.CSAT_AVG, Comparison.AT_LEAST, "4.5")).status())
        .isEqualTo(Status.OK);
    assertThat(check(benchmark(Kpi.FIRST_RESPONSE_P90, Comparison.AT_MOST, "3600")).status())
        .isEqualTo(Status.OK);
  }

  @Test
  void aMissWithinTenPercentOfTheTargetIsAtRisk() {
    // >= 4.9: misses by 0.4, allowed 0.49. >= 5: misses by 0.5, allowed exactly 0.5
    // <= 3300 (PT55M): misses by 300, allowed 330
    assertThat(check(benchmark(Kpi.CSAT_AVG, Comparison.AT_LEAST, "4.9")).status())
        .isEqualTo(Status.AT_RISK);
    assertThat(check(benchmark(Kpi.CSAT_AVG, Comparison.AT_LEAST, "5")).status())
        .isEqualTo(Status.AT_RISK);
    assertThat(check(benchmark(Kpi.FIRST_RESPONSE_P90, Comparison.AT_MOST, "3300")).status())
        .isEqualTo(Status.AT_RISK);
  }

  @Test
  void aMissBeyondTheMarginIsFailing() {
    // <= 3000 (PT50M): misses by 600, allowed 300. > 4.5: holds not, and 4.5 is within margin,
    // so a strict target met with equality is only at risk
    assertThat(check(benchmark(Kpi.FIRST_RESPONSE_P90, Comparison.AT_MOST, "3000")).status())
        .isEqualTo(Status.FAILING);
    assertThat(check(benchmark(Kpi.CSAT_AVG, Comparison.ABOVE, "4.5")).status())
        .isEqualTo(Status.AT_RISK);
  }

  @Test
  void aTargetOfZeroAllowsNoMiss() {
    // escalation rate 0 / 40 = 0 meets <= 0; with one escalated case it would fail outright
    assertThat(check(benchmark(Kpi.ESCALATION_RATE, Comparison.AT_MOST, "0")).status())
        .isEqualTo(Status.OK);
    Rollup one = FORTY.copy().add(aCase("x").escalated().build());
    assertThat(
            Kpis.health(
                    List.of(benchmark(Kpi.ESCALATION_RATE, Comparison.AT_MOST, "0")),
                    one,
                    Health.Rules.DEFAULT)
                .status())
        .isEqualTo(Status.FAILING);
  }

  @Test
  void tooFewAnswersOrNoneAtAllIsNotEnoughData() {
    // no NPS answers; 40 CSAT answers are fewer than a minimum of 50
    assertThat(check(benchmark(Kpi.NPS, Comparison.AT_LEAST, "30")).status())
        .isEqualTo(Status.NOT_ENOUGH_DATA);
    Health strict =
        Kpis.health(
            List.of(benchmark(Kpi.CSAT_AVG, Comparison.AT_LEAST, "4")),
            FORTY,
            new Health.Rules(50, new BigDecimal("0.10")));
    assertThat(strict.status()).isEqualTo(Status.NOT_ENOUGH_DATA);
    assertThat(strict.checks().get(0).n()).isEqualTo(40);
  }

  @Test
  void theProtocolTakesTheWorstStatusAndOkOnlyWhenEveryBenchmarkWasMeasured() {
    Benchmark ok = benchmark(Kpi.CSAT_AVG, Comparison.AT_LEAST, "4.5");
    Benchmark noData = benchmark(Kpi.NPS, Comparison.AT_LEAST, "30");
    Benchmark atRisk = benchmark(Kpi.CSAT_AVG, Comparison.AT_LEAST, "4.9");
    Benchmark failing = benchmark(Kpi.FIRST_RESPONSE_P90, Comparison.AT_MOST, "3000");

    assertThat(status(ok)).isEqualTo(Status.OK);
    assertThat(status(ok, noData)).isEqualTo(Status.NOT_ENOUGH_DATA);
    assertThat(status(ok, noData, atRisk)).isEqualTo(Status.AT_RISK);
    assertThat(status(atRisk, failing, noData)).isEqualTo(Status.FAILING);
    assertThat(status()).as("no benchmarks").isEqualTo(Status.NOT_ENOUGH_DATA);
  }

  @Test
  void eachCheckGivesItsEvidenceAndConcernsListTheWorstFirst() {
    Health health =
        Kpis.health(
            List.of(
                benchmark(Kpi.CSAT_AVG, Comparison.AT_LEAST, "4.9"),
                benchmark(Kpi.FIRST_RESPONSE_P90, Comparison.AT_MOST, "3000"),
                benchmark(Kpi.NPS, Comparison.AT_LEAST, "30")),
            FORTY,
            Health.Rules.DEFAULT);

    assertThat(health.concerns())
        .extracting(Health.Check::evidence)
        .containsExactly(
            "first_response_p90 is 3600 s against <= 3000 s (n = 40)",
            "csat_avg is 4.5 against >= 4.9 (n = 40)");
    assertThat(health.checks().get(2).evidence())
        .isEqualTo("nps is not measured against >= 30 (n = 0)");
  }

  @Test
  void checksTheBenchmarksAsAProtocolFileWritesThem() {
    // the fixture protocol: csat_avg ">= 4.5", first_response_p90 "<= PT1H", resolution_rate
    // ">= 0.9"; none of the forty cases is resolved, so the resolution rate 0 / 40 fails
    Protocol protocol = Packs.pack(Map.of("p.yaml", Packs.CLEAN)).protocols().get(0);

    Health health = Kpis.health(protocol.benchmarks(), FORTY, Health.Rules.DEFAULT);

    assertThat(health.status()).isEqualTo(Status.FAILING);
    assertThat(health.checks())
        .extracting(Health.Check::evidence)
        .containsExactly(
            "csat_avg is 4.5 against >= 4.5 (n = 40)",
            "first_response_p90 is 3600 s against <= 3600 s (n = 40)",
            "resolution_rate is 0 against >= 0.9 (n = 40)");
  }

  private static Status status(Benchmark... benchmarks) {
    return Kpis.health(List.of(benchmarks), FORTY, Health.Rules.DEFAULT).status();
  }
}
