package io.servicebook.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EscalationLadderTests {

  private static final EscalationLadder LADDER = EscalationLadder.standard();
  private static final List<String> KEYS = List.of("agent", "team_lead", "supervisor", "manager");

  private static EscalationLevel at(String key) {
    return LADDER.level(key).orElseThrow();
  }

  @Test
  void theStandardLadderGoesFromAgentToManagerAndACaseStartsAtTheAgent() {
    assertThat(LADDER.levels()).extracting(EscalationLevel::key).containsExactlyElementsOf(KEYS);
    assertThat(LADDER.first().key()).isEqualTo("agent");
    assertThat(LADDER.top().key()).isEqualTo("manager");
    assertThat(LADDER.current(Optional.empty()).key()).isEqualTo("agent");
    assertThat(LADDER.level("team_lead").orElseThrow().recipients()).containsExactly("supervisor");
  }

  @Test
  void escalatingWithoutATargetClimbsOneLevelAtATime() {
    EscalationLevel level = LADDER.first();
    for (String next : KEYS.subList(1, KEYS.size())) {
      EscalationMove move = LADDER.up(level, Optional.empty());
      assertThat(move).isEqualTo(new EscalationMove.Moved(level, at(next)));
      level = ((EscalationMove.Moved) move).to();
    }
    assertThat(level.key()).isEqualTo("manager");
  }

  @Test
  void refusesToEscalateBeyondTheTopAndSaysSo() {
    EscalationMove move = LADDER.up(at("manager"), Optional.empty());

    assertThat(move).isEqualTo(new EscalationMove.AtTop(at("manager")));
    assertThat(((EscalationMove.Refused) move).message())
        .contains("already at the top level", "`manager`");
  }

  static Stream<Arguments> everyPairOfLevels() {
    return KEYS.stream().flatMap(from -> KEYS.stream().map(to -> Arguments.of(from, to)));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @MethodSource("everyPairOfLevels")
  void escalatesToANamedLevelOnlyWhenItIsHigher(String from, String to) {
    EscalationMove move = LADDER.up(at(from), Optional.of(to));

    if (KEYS.indexOf(to) > KEYS.indexOf(from)) {
      assertThat(move).isEqualTo(new EscalationMove.Moved(at(from), at(to)));
    } else {
      assertThat(move).isEqualTo(new EscalationMove.NotAbove(at(from), at(to)));
      assertThat(((EscalationMove.Refused) move).message()).contains("de-escalation");
    }
  }

  @ParameterizedTest(name = "{0} → {1}")
  @MethodSource("everyPairOfLevels")
  void deEscalatesOnlyToALowerLevel(String from, String to) {
    EscalationMove move = LADDER.down(at(from), to);

    if (KEYS.indexOf(to) < KEYS.indexOf(from)) {
      assertThat(move).isEqualTo(new EscalationMove.Moved(at(from), at(to)));
    } else {
      assertThat(move).isEqualTo(new EscalationMove.NotBelow(at(from), at(to)));
    }
  }

  @Test
  void anUnknownLevelIsRefusedListingTheLevels() {
    EscalationMove up = LADDER.up(LADDER.first(), Optional.of("ceo"));
    EscalationMove down = LADDER.down(at("manager"), "intern");

    assertThat(up).isEqualTo(new EscalationMove.UnknownLevel("ceo", KEYS));
    assertThat(((EscalationMove.Refused) up).message())
        .isEqualTo(
            "There is no escalation level `ceo`; the levels are agent, team_lead, supervisor,"
                + " manager.");
    assertThat(down).isInstanceOf(EscalationMove.UnknownLevel.class);
  }

  @Test
  void aProtocolNamingALevelMovesToItWithoutChangingTheTeam() {
    EscalationLadder.Request request = LADDER.request(LADDER.first(), "supervisor");

    assertThat(request.move()).isEqualTo(new EscalationMove.Moved(at("agent"), at("supervisor")));
    assertThat(request.team()).isEmpty();
  }

  @Test
  void aProtocolNamingATeamClimbsOneLevelAndGivesTheCaseToThatTeam() {
    EscalationLadder.Request request = LADDER.request(at("team_lead"), "billing-specialist");

    assertThat(request.move())
        .isEqualTo(new EscalationMove.Moved(at("team_lead"), at("supervisor")));
    assertThat(request.team()).contains("billing-specialist");
    assertThat(LADDER.request(at("manager"), "billing-specialist").move())
        .isInstanceOf(EscalationMove.AtTop.class);
  }

  @Test
  void aLevelNoLongerOnTheLadderCountsAsTheFirst() {
    assertThat(LADDER.current(Optional.of("director"))).isEqualTo(LADDER.first());
    assertThat(LADDER.current(Optional.of("supervisor"))).isEqualTo(at("supervisor"));
  }

  @Test
  void aLadderNeedsLevelsWithDistinctKeys() {
    assertThatThrownBy(() -> EscalationLadder.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one level");
    EscalationLevel agent = new EscalationLevel("agent", "Agent", List.of());
    assertThatThrownBy(() -> EscalationLadder.of(List.of(agent, agent)))
        .hasMessageContaining("`agent`");
    assertThatThrownBy(() -> new EscalationLevel(" ", "Blank", List.of()))
        .hasMessageContaining("needs a key");
    assertThat(new EscalationLevel("lead", null, null).name()).isEqualTo("lead");
  }
}
