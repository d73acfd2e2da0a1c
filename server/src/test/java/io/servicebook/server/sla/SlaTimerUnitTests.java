package io.servicebook.server.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.sla.ClockState;
import io.servicebook.sla.SlaClock;
import io.servicebook.sla.SlaTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlaTimerUnitTests {

  static final String CASE = "0b6c8a52-3f5e-4d8e-9a57-1c2d3e4f5a6b";

  static SlaClock nextResponse(int cycle) {
    Instant start = Instant.parse("2026-03-02T09:00:00Z");
    return new SlaClock(
        SlaTarget.NEXT_RESPONSE,
        cycle,
        start,
        Optional.empty(),
        Duration.ofHours(4),
        Optional.empty(),
        Optional.empty(),
        Duration.ZERO,
        ClockState.RUNNING);
  }

  @Test
  void anIdNamesTheCaseTheTargetTheCycleAndTheMillisecondItIsDueAt() {
    SlaTimer timer = SlaTimer.of(CASE, nextResponse(2), Instant.parse("2026-03-02T13:00:00.250Z"));
    assertThat(timer.id()).isEqualTo(CASE + ":next_response:2:1772456400250");
    assertThat(SlaTimer.parse(timer.id())).contains(timer);
    assertThat(timer.isOf(nextResponse(2))).isTrue();
    assertThat(timer.isOf(nextResponse(1))).isFalse();
  }

  @Test
  void aMomentBetweenMillisecondsIsRoundedUpSoTheTimerNeverFiresEarly() {
    SlaTimer timer =
        SlaTimer.of(CASE, nextResponse(1), Instant.parse("2026-03-02T13:00:00.250000001Z"));
    assertThat(timer.at()).isEqualTo(Instant.parse("2026-03-02T13:00:00.251Z"));
  }

  @Test
  void anIdThisFeatureNeverMadeIsNotATimerOfIts() {
    assertThat(SlaTimer.parse("restart-probe")).isEmpty();
    assertThat(SlaTimer.parse(CASE + ":lunch:1:0")).isEmpty();
    assertThat(SlaTimer.parse(CASE + ":resolution:one:0")).isEmpty();
  }
}
