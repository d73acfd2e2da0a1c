package io.servicebook.kpi;

import static io.servicebook.kpi.MeasuredCases.aCase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicebook.protocol.Channel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SlicingTests {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static Map<String, Long> casesPerGroup(SortedMap<GroupKey, Rollup> groups) {
    return groups.entrySet().stream()
        .collect(
            Collectors.toMap(
                e -> e.getKey().toString(),
                e -> e.getValue().cases(),
                (a, b) -> a,
                java.util.LinkedHashMap::new));
  }

  @Test
  void groupsByProtocolAndVersionWithVersionsInNumericOrder() {
    List<MeasuredCase> cases =
        List.of(
            aCase("a").protocol("refund", 10).build(),
            aCase("b").protocol("refund", 9).build(),
            aCase("c").protocol("refund", 9).build(),
            aCase("d").protocol("complaint", 2).build());

    SortedMap<GroupKey, Rollup> groups =
        Kpis.aggregate(cases, Slicing.by(BERLIN, Dimension.PROTOCOL, Dimension.VERSION));

    assertThat(casesPerGroup(groups))
        .containsExactly(
            Map.entry("protocol=complaint, version=2", 1L),
            Map.entry("protocol=refund, version=9", 2L),
            Map.entry("protocol=refund, version=10", 1L));
    assertThat(groups.firstKey().value(Dimension.PROTOCOL)).contains("complaint");
    assertThat(groups.firstKey().value(Dimension.AGENT)).isEmpty();
  }

  @Test
  void groupsByAgentTeamChannelLanguageAndTierWithNoneForUnassignedCases() {
    List<MeasuredCase> cases =
        List.of(
            aCase("a")
                .agent(null)
                .team(null)
                .channel(Channel.CHAT)
                .language("es")
                .tier("vip")
                .build(),
            aCase("b").agent("agent-7").team("team-a").channel(Channel.EMAIL).build());

    SortedMap<GroupKey, Rollup> groups =
        Kpis.aggregate(
            cases,
            Slicing.by(
                BERLIN,
                Dimension.AGENT,
                Dimension.TEAM,
                Dimension.CHANNEL,
                Dimension.LANGUAGE,
                Dimension.TIER));

    assertThat(casesPerGroup(groups).keySet())
        .containsExactly(
            "agent=agent-7, team=team-a, channel=email, language=en, tier=standard",
            "agent=none, team=none, channel=chat, language=es, tier=vip");
  }

  @Test
  void periodsAreTheDayWeekAndMonthOfCreationInTheGivenZone() {
    // 2026-11-30T23:30Z is Tuesday 1 December 00:30 in Berlin: day, ISO week 49 and month differ
    MeasuredCase lateMonday =
        aCase("late").createdAt(Instant.parse("2026-11-30T23:30:00Z")).build();

    assertThat(Dimension.DAY.valueOf(lateMonday, BERLIN)).isEqualTo("2026-12-01");
    assertThat(Dimension.DAY.valueOf(lateMonday, ZoneOffset.UTC)).isEqualTo("2026-11-30");
    assertThat(Dimension.WEEK.valueOf(lateMonday, BERLIN)).isEqualTo("2026-W49");
    assertThat(Dimension.MONTH.valueOf(lateMonday, BERLIN)).isEqualTo("2026-12");
    assertThat(Dimension.MONTH.valueOf(lateMonday, ZoneOffset.UTC)).isEqualTo("2026-11");
  }

  @Test
  void isoWeeksBelongToTheirWeekBasedYear() {
    // Friday 1 January 2027 is in ISO week 53 of 2026
    MeasuredCase newYear = aCase("ny").createdAt(Instant.parse("2027-01-01T12:00:00Z")).build();

    assertThat(Dimension.WEEK.valueOf(newYear, BERLIN)).isEqualTo("2026-W53");
  }

  @Test
  void eachGroupKeepsTheCasesBehindItsNumbers() {
    List<MeasuredCase> cases =
        List.of(
            aCase("a").channel(Channel.CHAT).escalated().build(),
            aCase("b").channel(Channel.CHAT).build(),
            aCase("c").channel(Channel.EMAIL).escalated().build());

    SortedMap<GroupKey, Rollup> groups =
        Kpis.aggregate(cases, Slicing.by(BERLIN, Dimension.CHANNEL));

    KpiValues chat = groups.get(new GroupKey(List.of(Dimension.CHANNEL), List.of("chat"))).kpis();
    assertThat(chat.escalationRate()).isEqualTo(new KpiValues.Share(1, 2));
    assertThat(chat.casesBehind(Facet.ESCALATED)).containsExactly("a");
    assertThat(chat.casesBehind(Facet.CASES)).containsExactly("a", "b");
  }

  @Test
  void withoutDimensionsAllCasesAreOneGroup() {
    SortedMap<GroupKey, Rollup> groups =
        Kpis.aggregate(List.of(aCase("a").build(), aCase("b").build()), Slicing.none());

    assertThat(groups).containsOnlyKeys(GroupKey.ALL);
    assertThat(groups.get(GroupKey.ALL).cases()).isEqualTo(2);
  }

  @Test
  void rejectsGroupingByADimensionTwice() {
    assertThatThrownBy(() -> Slicing.by(BERLIN, Dimension.AGENT, Dimension.AGENT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("each dimension once");
  }

  @Test
  void aWindowHoldsTheCasesCreatedFromItsStartUntilBeforeItsEnd() {
    Clock clock = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
    Window window = Window.last(Duration.ofDays(30), clock);
    List<MeasuredCase> cases =
        List.of(
            aCase("first").createdAt(Instant.parse("2026-11-01T00:00:00Z")).build(),
            aCase("before").createdAt(Instant.parse("2026-10-31T23:59:59Z")).build(),
            aCase("now").createdAt(Instant.parse("2026-12-01T00:00:00Z")).build());

    assertThat(Kpis.within(cases, window).kpis().casesBehind(Facet.CASES)).containsExactly("first");
  }
}
