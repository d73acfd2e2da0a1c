package io.servicebook.server.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.cases.Case;
import io.servicebook.cases.CaseStatus;
import io.servicebook.cases.Customer;
import io.servicebook.cases.Interaction;
import io.servicebook.compensation.Money;
import io.servicebook.followups.FollowUpStatus;
import io.servicebook.kpi.MeasuredCase;
import io.servicebook.protocol.Channel;
import io.servicebook.protocol.Priority;
import io.servicebook.server.cases.StoredCase;
import io.servicebook.server.kpi.KpiRepository.Facts;
import io.servicebook.server.kpi.KpiRepository.ResolutionRow;
import io.servicebook.server.kpi.KpiRepository.RunRow;
import io.servicebook.sla.ClockState;
import io.servicebook.sla.SlaClock;
import io.servicebook.sla.SlaTarget;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MeasuredCasesUnitTests {

  static final Instant OPENED = Instant.parse("2026-11-20T09:00:00Z");
  static final String LOG_WITH_A_SKIP =
      """
      [{"step_id": "greet", "deviations": [{"kind": "SKIPPED", "step_id": "greet",
        "reason": "Customer in a hurry", "actor": "ana", "at": "2026-11-20T09:01:00Z"}]},
       {"step_id": "check", "deviations": []}]
      """;

  @Test
  void theFirstResponseIsTheFirstPublicReplyAndContactsAreTheCustomersMessages() {
    MeasuredCase measured =
        measure(
            aCase(
                CaseStatus.OPEN,
                inbound(OPENED),
                note(OPENED.plusSeconds(30)),
                reply(OPENED.plusSeconds(90)),
                inbound(OPENED.plusSeconds(200))),
            List.of(),
            facts());

    assertThat(measured.firstResponseAt()).contains(OPENED.plusSeconds(90));
    assertThat(measured.contacts()).isEqualTo(2);
  }

  @Test
  void businessTimesComeFromTheStoppedClocks() {
    MeasuredCase measured =
        measure(
            aCase(CaseStatus.RESOLVED, inbound(OPENED), reply(OPENED.plusSeconds(1_200))),
            List.of(
                clock(SlaTarget.FIRST_RESPONSE, 1, Duration.ofMinutes(20), true),
                clock(SlaTarget.RESOLUTION, 1, Duration.ofMinutes(50), true),
                clock(SlaTarget.RESOLUTION, 2, Duration.ofMinutes(10), true)),
            facts(Map.of("c1", List.of(resolved(1, 3_000), resolved(2, 7_200)))));

    assertThat(measured.firstResponseBusiness()).contains(Duration.ofMinutes(20));
    assertThat(measured.resolutionBusiness()).contains(Duration.ofMinutes(60));
    assertThat(measured.resolvedAt()).contains(OPENED.plusSeconds(7_200));
    assertThat(measured.reopened()).isTrue();
    assertThat(measured.sla()).hasSize(3);
  }

  @Test
  void aCaseResolvedBeforeAnyReplyHasNoFirstResponseTimeAndItsStoppedClockCountsAsMet() {
    MeasuredCase measured =
        measure(
            aCase(CaseStatus.RESOLVED, inbound(OPENED)),
            List.of(
                clock(SlaTarget.FIRST_RESPONSE, 1, Duration.ofMinutes(10), true),
                clock(SlaTarget.RESOLUTION, 1, Duration.ofMinutes(10), true)),
            facts(Map.of("c1", List.of(resolved(1, 600)))));

    assertThat(measured.firstResponseAt()).isEmpty();
    assertThat(measured.firstResponseBusiness()).isEmpty();
    assertThat(measured.sla())
        .contains(
            new MeasuredCase.SlaOutcome(
                SlaTarget.FIRST_RESPONSE, MeasuredCase.SlaOutcome.Result.MET));
    assertThat(measured.resolutionBusiness()).contains(Duration.ofMinutes(10));
  }

  @Test
  void aReplyOnlyAfterTheCaseWasResolvedAndReopenedIsNoFirstResponse() {
    MeasuredCase measured =
        measure(
            aCase(CaseStatus.OPEN, inbound(OPENED), reply(OPENED.plusSeconds(7_200))),
            List.of(),
            facts(Map.of("c1", List.of(resolved(1, 600)))));

    assertThat(measured.firstResponseAt()).isEmpty();
    assertThat(measured.firstResponseBusiness()).isEmpty();
    assertThat(measured.reopened()).isTrue();
  }

  @Test
  void aReplyAtTheMomentOfTheResolutionIsTheFirstResponse() {
    MeasuredCase measured =
        measure(
            aCase(CaseStatus.RESOLVED, inbound(OPENED), reply(OPENED.plusSeconds(600))),
            List.of(),
            facts(Map.of("c1", List.of(resolved(1, 600)))));

    assertThat(measured.firstResponseAt()).contains(OPENED.plusSeconds(600));
    assertThat(measured.firstResponseBusiness()).contains(Duration.ofSeconds(600));
  }

  @Test
  void withoutClocksEveryHourCounts() {
    MeasuredCase measured =
        measure(
            aCase(CaseStatus.RESOLVED, inbound(OPENED), reply(OPENED.plusSeconds(90))),
            List.of(),
            facts(Map.of("c1", List.of(resolved(1, 600)))));

    assertThat(measured.firstResponseBusiness()).contains(Duration.ofSeconds(90));
    assertThat(measured.resolutionBusiness()).contains(Duration.ofSeconds(600));
    assertThat(measured.reopened()).isFalse();
  }

  @Test
  void aCaseResolvedOnceAndOpenAgainWasReopenedAndIsNotResolved() {
    MeasuredCase measured =
        measure(
            aCase(CaseStatus.OPEN, inbound(OPENED)),
            List.of(),
            facts(Map.of("c1", List.of(resolved(1, 600)))));

    assertThat(measured.resolvedAt()).isEmpty();
    assertThat(measured.reopened()).isTrue();
  }

  @Test
  void aCompletedRunKeepsItsReasonedDeviations() {
    MeasuredCase measured =
        measure(
            aCase(CaseStatus.RESOLVED, inbound(OPENED)),
            List.of(),
            facts(run("COMPLETED", "[\"check\"]", LOG_WITH_A_SKIP)));

    MeasuredCase.RunFacts run = measured.run().orElseThrow();
    assertThat(run.finished()).isTrue();
    assertThat(run.hasUnexplainedDeviation()).isFalse();
    assertThat(run.deviations())
        .containsExactly(
            new MeasuredCase.RunDeviation("greet", Optional.of("Customer in a hurry")));
  }

  @Test
  void aCaseResolvedWhileItsRunStoodOnAStepLeftTheProtocolUnexplained() {
    MeasuredCase measured =
        measure(
            aCase(CaseStatus.CLOSED, inbound(OPENED)),
            List.of(),
            facts(run("ACTIVE", "[\"greet\", \"check\"]", LOG_WITH_A_SKIP)));

    MeasuredCase.RunFacts run = measured.run().orElseThrow();
    assertThat(run.finished()).isTrue();
    assertThat(run.deviations()).contains(new MeasuredCase.RunDeviation("check", Optional.empty()));
    assertThat(run.hasUnexplainedDeviation()).isTrue();
  }

  @Test
  void aRunAbandonedToSwitchProtocolIsADeviationWithTheAgentsReason() {
    RunRow abandoned = new RunRow("r0", "c1", "returns", 1, "ABANDONED", "[\"gather\"]", "[]");

    MeasuredCase measured =
        measure(
            aCase(CaseStatus.RESOLVED, inbound(OPENED)),
            List.of(),
            facts(abandoned, run("COMPLETED", "[\"check\"]", "[]")));

    MeasuredCase.RunFacts run = measured.run().orElseThrow();
    assertThat(run.deviations())
        .containsExactly(
            new MeasuredCase.RunDeviation(
                "gather", Optional.of("wrong protocol: it is a billing question")));
    assertThat(run.hasUnexplainedDeviation()).isFalse();
  }

  @Test
  void anActiveRunOfAnOpenCaseIsNotFinished() {
    MeasuredCase measured =
        measure(
            aCase(CaseStatus.OPEN, inbound(OPENED)),
            List.of(),
            facts(run("ACTIVE", "[\"greet\"]", "[]")));

    assertThat(measured.run().orElseThrow().finished()).isFalse();
  }

  @Test
  void escalationsFollowUpsAndGrantsAreTheCases() {
    Facts facts =
        new Facts(
            Map.of(),
            Map.of(),
            Map.of(),
            Set.of("c1"),
            Map.of("c1", List.of(FollowUpStatus.DONE, FollowUpStatus.SKIPPED)),
            Map.of("c1", new Money(new BigDecimal("25.50"), "EUR")));

    MeasuredCase measured = measure(aCase(CaseStatus.OPEN, inbound(OPENED)), List.of(), facts);

    assertThat(measured.escalated()).isTrue();
    assertThat(measured.followUps()).containsExactly(FollowUpStatus.DONE, FollowUpStatus.SKIPPED);
    assertThat(measured.compensation()).contains(new Money(new BigDecimal("25.50"), "EUR"));
    assertThat(measured.run()).isEmpty();
    assertThat(measured.agent()).contains("ana");
    assertThat(measured.tier()).isEqualTo("vip");
  }

  // --- fixtures ---

  private static MeasuredCase measure(StoredCase stored, List<SlaClock> clocks, Facts facts) {
    return MeasuredCases.measured(stored, clocks, facts, List.of());
  }

  private static StoredCase aCase(CaseStatus status, Interaction... conversation) {
    Customer customer =
        new Customer(
            "k1",
            "Ana",
            "García",
            Optional.of("ana@example.com"),
            Optional.empty(),
            "en",
            "vip",
            BigDecimal.ZERO);
    Case kase =
        new Case(
            "c1",
            customer,
            Channel.EMAIL,
            "refund",
            "Broken kettle",
            Priority.NORMAL,
            status,
            Optional.of("ana"),
            Optional.of("support-eu"),
            List.of(),
            OPENED,
            List.of(conversation));
    return new StoredCase(
        kase, Optional.of(new StoredCase.ProtocolRef("refunds", 2)), List.of(), 1);
  }

  private static Interaction inbound(Instant at) {
    return message(Interaction.Kind.INBOUND_MESSAGE, "k1", Interaction.Visibility.PUBLIC, at);
  }

  private static Interaction reply(Instant at) {
    return message(Interaction.Kind.OUTBOUND_MESSAGE, "ana", Interaction.Visibility.PUBLIC, at);
  }

  private static Interaction note(Instant at) {
    return message(Interaction.Kind.NOTE, "ana", Interaction.Visibility.INTERNAL, at);
  }

  private static Interaction message(
      Interaction.Kind kind, String author, Interaction.Visibility visibility, Instant at) {
    return new Interaction(kind, Channel.EMAIL, author, "", visibility, at);
  }

  private static SlaClock clock(SlaTarget target, int cycle, Duration elapsed, boolean stopped) {
    return new SlaClock(
        target,
        cycle,
        OPENED,
        stopped ? Optional.of(OPENED.plus(elapsed)) : Optional.empty(),
        Duration.ofHours(1),
        Optional.empty(),
        Optional.of(OPENED.plus(Duration.ofHours(1))),
        elapsed,
        stopped ? ClockState.MET : ClockState.RUNNING);
  }

  private static ResolutionRow resolved(int cycle, long secondsAfterOpening) {
    return new ResolutionRow(cycle, OPENED.plusSeconds(secondsAfterOpening));
  }

  private static Facts facts() {
    return facts(Map.of());
  }

  private static Facts facts(Map<String, List<ResolutionRow>> resolutions) {
    return new Facts(Map.of(), Map.of(), resolutions, Set.of(), Map.of(), Map.of());
  }

  private static Facts facts(RunRow... runs) {
    return new Facts(
        Map.of("c1", List.of(runs)),
        Map.of("r0", "wrong protocol: it is a billing question"),
        Map.of("c1", List.of(resolved(1, 600))),
        Set.of(),
        Map.of(),
        Map.of());
  }

  private static RunRow run(String status, String path, String log) {
    return new RunRow("r1", "c1", "refunds", 2, status, path, log);
  }
}
