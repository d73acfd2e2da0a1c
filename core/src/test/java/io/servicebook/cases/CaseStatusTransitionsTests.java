package io.servicebook.cases;

import static io.servicebook.cases.CaseStatus.CLOSED;
import static io.servicebook.cases.CaseStatus.NEW;
import static io.servicebook.cases.CaseStatus.OPEN;
import static io.servicebook.cases.CaseStatus.RESOLVED;
import static io.servicebook.cases.CaseStatus.WAITING_ON_CUSTOMER;
import static io.servicebook.cases.CaseStatus.WAITING_ON_THIRD_PARTY;
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

class CaseStatusTransitionsTests {

  /** The expected table, written out independently of the production one. */
  private static final Map<CaseStatus, Set<CaseStatus>> EXPECTED =
      Map.of(
          NEW, Set.of(OPEN, WAITING_ON_CUSTOMER, WAITING_ON_THIRD_PARTY, RESOLVED),
          OPEN, Set.of(WAITING_ON_CUSTOMER, WAITING_ON_THIRD_PARTY, RESOLVED),
          WAITING_ON_CUSTOMER, Set.of(OPEN, WAITING_ON_THIRD_PARTY, RESOLVED),
          WAITING_ON_THIRD_PARTY, Set.of(OPEN, WAITING_ON_CUSTOMER, RESOLVED),
          RESOLVED, Set.of(OPEN, CLOSED),
          CLOSED, Set.of());

  static Stream<Arguments> everyPair() {
    return Stream.of(CaseStatus.values())
        .flatMap(from -> Stream.of(CaseStatus.values()).map(to -> Arguments.of(from, to)));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @MethodSource("everyPair")
  void allowsExactlyTheMovesOfTheExpectedTable(CaseStatus from, CaseStatus to) {
    boolean expected = EXPECTED.get(from).contains(to);

    assertThat(CaseStatusTransitions.isAllowed(from, to)).isEqualTo(expected);
    if (expected) {
      assertThatCode(() -> CaseStatusTransitions.check(from, to)).doesNotThrowAnyException();
    } else {
      assertThatThrownBy(() -> CaseStatusTransitions.check(from, to))
          .isInstanceOfSatisfying(
              IllegalCaseTransition.class,
              e -> {
                assertThat(e.from()).isEqualTo(from);
                assertThat(e.to()).isEqualTo(to);
              })
          .hasMessageContaining(from.name())
          .hasMessageContaining(to.name());
    }
  }

  @Test
  void aResolvedCaseCanBeReopened() {
    assertThat(CaseStatusTransitions.isAllowed(RESOLVED, OPEN)).isTrue();
  }

  @Test
  void aClosedCaseIsFinalAndTheMessageSuggestsAFollowUpCase() {
    assertThat(CaseStatusTransitions.allowedFrom(CLOSED)).isEmpty();
    assertThatThrownBy(() -> CaseStatusTransitions.check(CLOSED, OPEN))
        .hasMessageContaining("follow-up case");
  }

  @Test
  void theRefusalListsWhereTheCaseCanGo() {
    assertThatThrownBy(() -> CaseStatusTransitions.check(RESOLVED, WAITING_ON_CUSTOMER))
        .hasMessage(
            "A case cannot move from RESOLVED to WAITING_ON_CUSTOMER; from RESOLVED it can move to"
                + " OPEN, CLOSED.");
  }
}
