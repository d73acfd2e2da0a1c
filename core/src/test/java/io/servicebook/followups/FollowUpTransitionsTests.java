package io.servicebook.followups;

import static io.servicebook.followups.FollowUpStatus.CANCELLED;
import static io.servicebook.followups.FollowUpStatus.DONE;
import static io.servicebook.followups.FollowUpStatus.DUE;
import static io.servicebook.followups.FollowUpStatus.SCHEDULED;
import static io.servicebook.followups.FollowUpStatus.SKIPPED;
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

class FollowUpTransitionsTests {

  /** The expected table, written out independently of the production one. */
  private static final Map<FollowUpStatus, Set<FollowUpStatus>> EXPECTED =
      Map.of(
          SCHEDULED, Set.of(DUE, DONE, SKIPPED, CANCELLED),
          DUE, Set.of(DONE, SKIPPED),
          DONE, Set.of(),
          SKIPPED, Set.of(),
          CANCELLED, Set.of());

  static Stream<Arguments> everyPair() {
    return Stream.of(FollowUpStatus.values())
        .flatMap(from -> Stream.of(FollowUpStatus.values()).map(to -> Arguments.of(from, to)));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @MethodSource("everyPair")
  void allowsExactlyTheMovesOfTheExpectedTable(FollowUpStatus from, FollowUpStatus to) {
    boolean expected = EXPECTED.get(from).contains(to);

    assertThat(FollowUpTransitions.isAllowed(from, to)).isEqualTo(expected);
    if (expected) {
      assertThatCode(() -> FollowUpTransitions.check(from, to)).doesNotThrowAnyException();
    } else {
      assertThatThrownBy(() -> FollowUpTransitions.check(from, to))
          .isInstanceOfSatisfying(
              IllegalFollowUpTransition.class,
              e -> {
                assertThat(e.from()).isEqualTo(from);
                assertThat(e.to()).isEqualTo(to);
              })
          .hasMessageContaining(from.key())
          .hasMessageContaining(to.key());
    }
  }

  @Test
  void doneSkippedAndCancelledAreFinalAndTheOthersAreNot() {
    assertThat(Stream.of(FollowUpStatus.values()).filter(FollowUpStatus::isFinished))
        .containsExactlyInAnyOrder(DONE, SKIPPED, CANCELLED);
  }

  @Test
  void aReopenCannotCancelAFollowUpThatIsDueAlready() {
    assertThatThrownBy(() -> FollowUpTransitions.check(DUE, CANCELLED))
        .hasMessage(
            "A follow-up cannot move from due to cancelled; from due it can move to done,"
                + " skipped.");
  }

  @Test
  void completingAFinishedFollowUpSaysItIsFinished() {
    assertThatThrownBy(() -> FollowUpTransitions.check(DONE, SKIPPED))
        .hasMessage(
            "A follow-up cannot move from done to skipped; it is done already and nothing more"
                + " happens to it.");
  }

  @Test
  void statusesAreReadFromTheirKeysIgnoringCase() {
    assertThat(FollowUpStatus.of("Due")).contains(DUE);
    assertThat(FollowUpStatus.of(" cancelled ")).contains(CANCELLED);
    assertThat(FollowUpStatus.of("pending")).isEmpty();
  }
}
