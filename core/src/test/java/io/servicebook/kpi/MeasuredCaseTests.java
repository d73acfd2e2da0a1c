package io.servicebook.kpi;

import static io.servicebook.kpi.MeasuredCases.aCase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicebook.kpi.MeasuredCase.SlaOutcome;
import io.servicebook.kpi.MeasuredCase.SlaOutcome.Result;
import io.servicebook.protocol.SurveyKind;
import io.servicebook.sla.ClockState;
import io.servicebook.sla.SlaClock;
import io.servicebook.sla.SlaTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MeasuredCaseTests {

  @ParameterizedTest
  @CsvSource({
    "MET, MET",
    "BREACHED, BREACHED",
    "RUNNING, RUNNING",
    "WARNED, RUNNING",
    "PAUSED, RUNNING"
  })
  void anSlaClockHasAnOutcomeOnlyOnceMetOrBreached(ClockState state, Result expected) {
    Instant start = MeasuredCases.CREATED;
    SlaClock clock =
        new SlaClock(
            SlaTarget.RESOLUTION,
            1,
            start,
            Optional.empty(),
            Duration.ofHours(8),
            Optional.empty(),
            Optional.empty(),
            Duration.ofHours(1),
            state);

    assertThat(SlaOutcome.of(clock)).isEqualTo(new SlaOutcome(SlaTarget.RESOLUTION, expected));
  }

  @Test
  void rejectsAScoreOutsideTheSurveysScale() {
    assertThatThrownBy(() -> MeasuredCase.Survey.answered(SurveyKind.CSAT, 6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A CSAT score is from 1 to 5, not 6.");
    assertThat(MeasuredCase.Survey.answered(SurveyKind.NPS, 0).score()).contains(0);
  }

  @Test
  void rejectsAFirstResponseBeforeTheCaseWasCreated() {
    assertThatThrownBy(
            () ->
                aCase("c1")
                    .createdAt(Instant.parse("2026-11-02T09:00:00Z"))
                    .firstResponseAfter(-60)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("first response of case c1 (2026-11-02T08:59:00Z) is before");
  }

  @Test
  void rejectsCompensationOfNothing() {
    assertThatThrownBy(() -> aCase("c1").compensation("0.00", "EUR").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a case without any has none");
  }

  @Test
  void aDeviationWithABlankReasonIsUnexplained() {
    assertThat(MeasuredCases.deviation("gather", "  ").isExplained()).isFalse();
    assertThat(MeasuredCases.deviation("gather", null).isExplained()).isFalse();
    assertThat(MeasuredCases.deviation("gather", "customer asked").isExplained()).isTrue();
  }

  @Test
  void takingOutACaseThatIsNotInTheRollupIsRefused() {
    Rollup rollup = Rollup.of(java.util.List.of(aCase("c1").build()));

    assertThatThrownBy(() -> rollup.remove(aCase("c2").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Case c2 is not in this rollup.");
  }
}
