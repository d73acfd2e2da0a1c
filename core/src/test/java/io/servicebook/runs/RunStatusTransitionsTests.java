package io.servicebook.runs;

import static io.servicebook.runs.RunStatus.ABANDONED;
import static io.servicebook.runs.RunStatus.ACTIVE;
import static io.servicebook.runs.RunStatus.COMPLETED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RunStatusTransitionsTests {

  private static final Map<RunStatus, Set<RunStatus>> EXPECTED =
      Map.of(
          ACTIVE, Set.of(COMPLETED, ABANDONED),
          COMPLETED, Set.of(),
          ABANDONED, Set.of());

  static Stream<Arguments> everyPair() {
    return Stream.of(RunStatus.values())
        .flatMap(from -> Stream.of(RunStatus.values()).map(to -> Arguments.of(from, to)));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @MethodSource("everyPair")
  void allowsExactlyTheMovesOfTheExpectedTable(RunStatus from, RunStatus to) {
    boolean expected = EXPECTED.get(from).contains(to);

    assertThat(RunStatusTransitions.isAllowed(from, to)).isEqualTo(expected);
    if (expected) {
      assertThatCode(() -> RunStatusTransitions.check(from, to)).doesNotThrowAnyException();
    } else {
      assertThatThrownBy(() -> RunStatusTransitions.check(from, to))
          .isInstanceOfSatisfying(
              IllegalRunTransition.class,
              e -> {
                assertThat(e.from()).isEqualTo(from);
                assertThat(e.to()).isEqualTo(to);
              })
          .hasMessageContaining("from " + from + " to " + to);
    }
  }
}
