package io.servicebook.feedback;

import static io.servicebook.feedback.SurveyStatus.ANSWERED;
import static io.servicebook.feedback.SurveyStatus.EXPIRED;
import static io.servicebook.feedback.SurveyStatus.OPTED_OUT;
import static io.servicebook.feedback.SurveyStatus.SENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SurveyTransitionsTests {

  /** The expected table, written out independently of the production one. */
  private static final Map<SurveyStatus, Set<SurveyStatus>> EXPECTED =
      Map.of(
          SENT, Set.of(ANSWERED, EXPIRED, OPTED_OUT),
          ANSWERED, Set.of(),
          EXPIRED, Set.of(),
          OPTED_OUT, Set.of());

  static Stream<Arguments> everyPair() {
    return Stream.of(SurveyStatus.values())
        .flatMap(from -> Stream.of(SurveyStatus.values()).map(to -> Arguments.of(from, to)));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @MethodSource("everyPair")
  void allowsExactlyTheMovesOfTheExpectedTable(SurveyStatus from, SurveyStatus to) {
    boolean expected = EXPECTED.get(from).contains(to);

    assertThat(SurveyTransitions.isAllowed(from, to)).isEqualTo(expected);
    if (expected) {
      assertThatCode(() -> SurveyTransitions.check(from, to)).doesNotThrowAnyException();
    } else {
      assertThatThrownBy(() -> SurveyTransitions.check(from, to))
          .isInstanceOfSatisfying(
              IllegalSurveyTransition.class,
              e -> {
                assertThat(e.from()).isEqualTo(from);
                assertThat(e.to()).isEqualTo(to);
              })
          .hasMessageContaining(from.key())
          .hasMessageContaining(to.key());
    }
  }

  @Test
  void answeredExpiredAndOptedOutAreFinalAndSentIsNot() {
    assertThat(Stream.of(SurveyStatus.values()).filter(SurveyStatus::isFinished))
        .containsExactlyInAnyOrder(ANSWERED, EXPIRED, OPTED_OUT);
  }

  @Test
  void aMoveFromAFinalStatusSaysNothingMoreHappens() {
    assertThatThrownBy(() -> SurveyTransitions.check(ANSWERED, SENT))
        .hasMessage(
            "A survey cannot move from answered to sent; it is answered already and nothing more"
                + " happens to it.");
  }

  @Test
  void keysAreLowerCase() {
    assertThat(OPTED_OUT.key()).isEqualTo("opted_out");
  }
}
