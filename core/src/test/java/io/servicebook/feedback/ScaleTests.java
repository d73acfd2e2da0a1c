package io.servicebook.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.protocol.SurveyKind;
import org.junit.jupiter.api.Test;

class ScaleTests {

  @Test
  void csatIsOneToFive() {
    Scale csat = new Scale(SurveyKind.CSAT);
    assertThat(csat.scores()).containsExactly(1, 2, 3, 4, 5);
    assertThat(csat.problem(0)).contains("a CSAT score is 1 to 5; got 0");
    assertThat(csat.problem(6)).contains("a CSAT score is 1 to 5; got 6");
  }

  @Test
  void npsIsZeroToTen() {
    Scale nps = new Scale(SurveyKind.NPS);
    assertThat(nps.scores()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    assertThat(nps.problem(11)).contains("an NPS score is 0 to 10; got 11");
    assertThat(nps.problem(-1)).contains("an NPS score is 0 to 10; got -1");
  }

  @Test
  void cesIsOneToSeven() {
    Scale ces = new Scale(SurveyKind.CES);
    assertThat(ces.scores()).containsExactly(1, 2, 3, 4, 5, 6, 7);
    assertThat(ces.problem(8)).contains("a CES score is 1 to 7; got 8");
  }

  @Test
  void everyScoreOnTheScaleIsAcceptedAndNothingBesides() {
    for (SurveyKind kind : SurveyKind.values()) {
      Scale scale = new Scale(kind);
      for (int score = -2; score <= 12; score++) {
        boolean on = score >= scale.min() && score <= scale.max();
        assertThat(scale.contains(score)).as("%s %d", kind, score).isEqualTo(on);
        assertThat(scale.problem(score).isEmpty()).as("%s %d", kind, score).isEqualTo(on);
      }
    }
  }

  @Test
  void aScaleIsNamedAsInTheApiWithoutRegardToCase() {
    assertThat(Scale.named("nps")).contains(new Scale(SurveyKind.NPS));
    assertThat(Scale.named(" CES ")).contains(new Scale(SurveyKind.CES));
    assertThat(Scale.named("clv")).isEmpty();
    assertThat(Scale.key(SurveyKind.CSAT)).isEqualTo("csat");
  }
}
