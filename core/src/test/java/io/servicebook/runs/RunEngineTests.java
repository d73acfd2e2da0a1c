package io.servicebook.runs;

import static io.servicebook.runs.RunFixtures.T0;
import static io.servicebook.runs.RunFixtures.accepted;
import static io.servicebook.runs.RunFixtures.facts;
import static io.servicebook.runs.RunFixtures.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicebook.cases.CaseFacts;
import io.servicebook.cases.CaseFixtures;
import io.servicebook.protocol.Channel;
import io.servicebook.protocol.IsoDuration;
import io.servicebook.protocol.Protocol;
import io.servicebook.protocol.SurveyKind;
import io.servicebook.runs.RunEvent.CaseResolved;
import io.servicebook.runs.RunEvent.CompensationRequested;
import io.servicebook.runs.RunEvent.EscalationRequested;
import io.servicebook.runs.RunEvent.FollowUpScheduled;
import io.servicebook.runs.RunEvent.NotificationRequested;
import io.servicebook.runs.RunEvent.RunCompleted;
import io.servicebook.runs.RunEvent.StepSubmitted;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunEngineTests {

  /** The refund protocol: greet, gather, eligibility (decide), label | decline, close. */
  private final Protocol refund = RunFixtures.refundProtocol();

  private final RunEngine engine = RunEngine.create(RunFixtures.refundPack().fragments());
  private final CaseFacts standard = facts();
  private final CaseFacts vip =
      CaseFacts.of(
          CaseFixtures.aCase(CaseFixtures.aCustomer("en", "vip"), Channel.EMAIL, "refund"),
          CaseFixtures.anAgent());

  private static Instant at(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  private Run start() {
    return RunFixtures.started(engine, refund);
  }

  private Run onGather() {
    return accepted(
            engine.submit(start(), standard, Submission.of("greet", Map.of(), "agent-7", at(1))))
        .run();
  }

  private RunOutcome gather(Run run, CaseFacts facts, String purchaseDate) {
    return engine.submit(
        run,
        facts,
        Submission.of(
            "gather",
            Map.of("order_number", "ORD-123456", "purchase_date", purchaseDate),
            "agent-7",
            at(5)));
  }

  private Run onDecline(CaseFacts facts) {
    Run eligibility = accepted(gather(onGather(), facts, "2025-11-01")).run();
    return accepted(
            engine.submit(
                eligibility, facts, Submission.of("eligibility", Map.of(), "agent-7", at(6))))
        .run();
  }

  private static String current(Run run) {
    return run.currentStep().orElseThrow().id();
  }

  @Test
  void startsOnTheFirstStepPinnedToTheProtocolVersion() {
    RunOutcome.Accepted started = engine.start("run-1", "case-1", refund, 3, "agent-7", T0);

    assertThat(started.run().protocolSlug()).isEqualTo("return-and-refund");
    assertThat(started.run().protocolVersion()).isEqualTo(3);
    assertThat(started.run().status()).isEqualTo(RunStatus.ACTIVE);
    assertThat(current(started.run())).isEqualTo("greet");
    assertThat(started.events())
        .containsExactly(
            new RunEvent.RunStarted(
                "run-1", "case-1", "return-and-refund", 3, "greet", "agent-7", T0));
  }

  @Test
  void theCurrentStepRendersTheIncludedFragmentWithTheCustomersName() {
    CurrentStep step = engine.currentStep(start(), standard).orElseThrow();

    assertThat(step.title()).isEqualTo("Greet the customer");
    assertThat(step.script()).contains("Hello Ana!");
    assertThat(step.canGoBack()).isFalse();
  }

  @Test
  void theScriptIsInTheCustomersLanguageAndListsTheFieldsToCapture() {
    Run run = onGather();
    CaseFacts spanish =
        CaseFacts.of(
            CaseFixtures.aCase(CaseFixtures.aCustomer("es", "standard"), Channel.EMAIL, "refund"));

    CurrentStep inEnglish = engine.currentStep(run, standard).orElseThrow();
    CurrentStep inSpanish = engine.currentStep(run, spanish).orElseThrow();

    assertThat(inEnglish.script()).contains("Could you share your order number, Ana?");
    assertThat(inSpanish.script()).contains("¿Podría darme su número de pedido?");
    assertThat(inSpanish.scriptLanguage()).contains("es");
    assertThat(inEnglish.capture())
        .extracting(f -> f.name())
        .containsExactly("order_number", "purchase_date", "reason");
    assertThat(inEnglish.canGoBack()).isTrue();
  }

  @Test
  void theScriptPicksTheChannelsTextAndFallsBackToTheProtocolsFirstLanguage() {
    Protocol greeting =
        RunFixtures.protocol(
            """
            protocol: greet-by-channel
            title: Greet
            languages: [en, es]
            steps:
              - id: hello
                script:
                  en: {default: "Dear {{customer.name}}, thanks for writing.", chat: "Hi {{customer.first_name}}! I'm {{agent.first_name}}."}
                  es: {default: "Estimado/a {{customer.name}}:"}
                action: {resolve: true}
            """);
    Run run = RunFixtures.started(engine, greeting);

    assertThat(script(run, "en", Channel.CHAT)).isEqualTo("Hi Ana! I'm Sam.");
    assertThat(script(run, "en", Channel.EMAIL)).isEqualTo("Dear Ana García, thanks for writing.");
    assertThat(script(run, "es", Channel.CHAT)).isEqualTo("Estimado/a Ana García:");
    assertThat(script(run, "fr", Channel.CHAT)).isEqualTo("Hi Ana! I'm Sam.");
  }

  private String script(Run run, String language, Channel channel) {
    CaseFacts facts =
        CaseFacts.of(
            CaseFixtures.aCase(CaseFixtures.aCustomer(language, "standard"), channel, "refund"),
            CaseFixtures.anAgent());
    return engine.currentStep(run, facts).orElseThrow().script().orElseThrow();
  }

  @Test
  void capturedValuesAppearInLaterScripts() {
    Protocol protocol =
        RunFixtures.protocol(
            """
            protocol: echo
            title: Echo
            fields:
              order_number: {type: string}
            steps:
              - id: ask
                capture: [order_number]
              - id: confirm
                script: "Order {{fields.order_number}} it is."
                action: {resolve: true}
            """);
    Run run = RunFixtures.started(engine, protocol);

    Run confirming =
        accepted(
                engine.submit(
                    run,
                    standard,
                    Submission.of("ask", Map.of("order_number", "A-1"), "agent-7", at(1))))
            .run();

    assertThat(engine.currentStep(confirming, standard).orElseThrow().script())
        .contains("Order A-1 it is.");
  }

  @Test
  void refusesASubmissionForAStepThatIsNotTheCurrentOne() {
    Run run = start();

    RunOutcome.Refused refused =
        refused(engine.submit(run, standard, Submission.of("gather", Map.of(), "agent-7", at(1))));

    assertThat(refused.reasons()).containsExactly(new Refusal.NotCurrentStep("gather", "greet"));
    assertThat(refused.run()).isSameAs(run);
  }

  @Test
  void refusesWhenRequiredFieldsAreMissingNamingEachOne() {
    Run run = onGather();

    RunOutcome.Refused refused =
        refused(
            engine.submit(
                run,
                standard,
                Submission.of("gather", Map.of("reason", "late"), "agent-7", at(5))));

    assertThat(refused.reasons())
        .extracting(Refusal::message)
        .containsExactly(
            "order_number is required; fill it in to go on.",
            "purchase_date is required; fill it in to go on.");
    assertThat(refused.run()).isSameAs(run);
  }

  @Test
  void collectsEveryProblemOfASubmissionAtOnce() {
    RunOutcome.Refused refused =
        refused(
            engine.submit(
                onGather(),
                standard,
                Submission.of(
                    "gather",
                    Map.of("order_number", "x", "purchase_date", "yesterday", "colour", "red"),
                    "agent-7",
                    at(5))));

    assertThat(refused.reasons())
        .extracting(r -> r.getClass().getSimpleName())
        .containsExactly("NotCaptured", "InvalidValue", "InvalidValue");
  }

  @Test
  void decidesByConditionOnACapturedDate() {
    Run eligibility = accepted(gather(onGather(), standard, "2026-02-20")).run();
    assertThat(eligibility.fields()).containsEntry("purchase_date", LocalDate.parse("2026-02-20"));

    RunOutcome.Accepted decided =
        accepted(
            engine.submit(
                eligibility, standard, Submission.of("eligibility", Map.of(), "agent-7", at(6))));

    assertThat(current(decided.run())).isEqualTo("label");
    assertThat(decided.events())
        .first()
        .isInstanceOfSatisfying(StepSubmitted.class, e -> assertThat(e.next()).contains("label"));
  }

  @Test
  void takesTheOtherwiseBranchWhenNoConditionHolds() {
    assertThat(current(onDecline(standard))).isEqualTo("decline");
  }

  @Test
  void anUnconditionalActionIsRequestedWhenTheStepIsSubmitted() {
    Run eligibility = accepted(gather(onGather(), standard, "2026-02-20")).run();
    Run label =
        accepted(
                engine.submit(
                    eligibility,
                    standard,
                    Submission.of("eligibility", Map.of(), "agent-7", at(6))))
            .run();

    RunOutcome.Accepted done =
        accepted(
            engine.submit(label, standard, Submission.of("label", Map.of(), "agent-7", at(8))));

    assertThat(done.events())
        .contains(
            new CompensationRequested(
                "run-1",
                "case-1",
                "label",
                Optional.of(new BigDecimal("100")),
                "EUR",
                Optional.of(new BigDecimal("50")),
                at(8)));
    assertThat(current(done.run())).isEqualTo("close");
  }

  @Test
  void anActionWhoseConditionHoldsIsRequested() {
    RunOutcome.Accepted declined =
        accepted(
            engine.submit(
                onDecline(vip), vip, Submission.of("decline", Map.of(), "agent-7", at(9))));

    assertThat(declined.events())
        .contains(new EscalationRequested("run-1", "case-1", "decline", "supervisor", at(9)));
  }

  @Test
  void anActionWhoseConditionDoesNotHoldIsNotRequested() {
    RunOutcome.Accepted declined =
        accepted(
            engine.submit(
                onDecline(standard),
                standard,
                Submission.of("decline", Map.of(), "agent-7", at(9))));

    assertThat(declined.events()).noneMatch(EscalationRequested.class::isInstance);
    assertThat(current(declined.run())).isEqualTo("close");
  }

  @Test
  void anActionConditionOnCapturedValuesIsEvaluatedWithThem() {
    Run run = RunFixtures.started(engine, RunFixtures.protocol(RunFixtures.EVERY_FIELD));

    RunOutcome.Accepted high = accepted(engine.submit(run, standard, everyField("80")));
    RunOutcome.Accepted low = accepted(engine.submit(run, standard, everyField("20")));

    assertThat(high.events())
        .contains(new NotificationRequested("run-1", "case-1", "capture", "team-lead", at(2)))
        .contains(
            new FollowUpScheduled(
                "run-1",
                "case-1",
                "capture",
                IsoDuration.parse("P1D").orElseThrow(),
                Optional.empty(),
                at(2)));
    assertThat(low.events()).noneMatch(NotificationRequested.class::isInstance);
  }

  private static Submission everyField(String refund) {
    Map<String, String> captured = new HashMap<>();
    captured.put("ref", "ABC-123");
    if (!refund.isEmpty()) {
      captured.put("refund", refund);
    }
    return Submission.of("capture", captured, "agent-7", at(2));
  }

  @Test
  void aConditionThatCannotBeEvaluatedRefusesWithCannotDecideYet() {
    Run run = RunFixtures.started(engine, RunFixtures.protocol(RunFixtures.EVERY_FIELD));

    RunOutcome.Refused refused = refused(engine.submit(run, standard, everyField("")));

    assertThat(refused.reasons())
        .singleElement()
        .extracting(Refusal::message)
        .asString()
        .startsWith("Cannot decide yet: `fields.refund > 50.0`")
        .contains("fields.refund");
  }

  @Test
  void aChoiceBranchNeedsTheAgentsChoice() {
    Run pick = onPick();

    RunOutcome.Refused refused =
        refused(engine.submit(pick, standard, Submission.of("pick", Map.of(), "agent-7", at(3))));

    assertThat(refused.reasons())
        .containsExactly(new Refusal.ChoiceNeeded("pick", List.of("Refund", "Replace")));
    assertThat(engine.currentStep(pick, standard).orElseThrow().choices())
        .containsExactly("Refund", "Replace");
  }

  @Test
  void theChosenBranchIsTaken() {
    RunOutcome.Accepted chosen =
        accepted(
            engine.submit(
                onPick(),
                standard,
                Submission.of("pick", Map.of(), "agent-7", at(3)).choosing("Replace")));

    assertThat(current(chosen.run())).isEqualTo("replace");
    assertThat(((StepSubmitted) chosen.events().get(0)).choice()).contains("Replace");
  }

  @Test
  void aChoiceTheStepDoesNotOfferIsRefusedListingTheOffers() {
    RunOutcome.Refused refused =
        refused(
            engine.submit(
                onPick(),
                standard,
                Submission.of("pick", Map.of(), "agent-7", at(3)).choosing("Upgrade")));

    assertThat(refused.reasons())
        .extracting(Refusal::message)
        .containsExactly("Step `pick` offers no choice “Upgrade”; choose one of Refund, Replace.");
  }

  private Run onPick() {
    Run run = RunFixtures.started(engine, RunFixtures.protocol(RunFixtures.EVERY_FIELD));
    return accepted(engine.submit(run, standard, everyField("20"))).run();
  }

  @Test
  void resolvingCompletesTheRunAndNothingMoreCanBeDone() {
    Run close =
        accepted(
                engine.submit(
                    onDecline(standard),
                    standard,
                    Submission.of("decline", Map.of(), "agent-7", at(9))))
            .run();

    RunOutcome.Accepted resolved =
        accepted(
            engine.submit(close, standard, Submission.of("close", Map.of(), "agent-7", at(10))));

    assertThat(resolved.run().status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(resolved.run().currentStep()).isEmpty();
    assertThat(resolved.events())
        .containsSubsequence(
            new CaseResolved("run-1", "case-1", "close", at(10)),
            new RunCompleted("run-1", "close", "agent-7", at(10)));
    assertThat(engine.currentStep(resolved.run(), standard)).isEmpty();
    assertThat(
            refused(
                    engine.submit(
                        resolved.run(),
                        standard,
                        Submission.of("close", Map.of(), "agent-7", at(11))))
                .reasons())
        .containsExactly(new Refusal.RunNotActive(RunStatus.COMPLETED));
  }

  @Test
  void aSkippableStepIsSkippedForAReasonWithoutItsActions() {
    RunOutcome.Accepted skipped =
        accepted(
            engine.skip(
                onDecline(vip), "decline", "customer accepted store credit", "agent-7", at(9)));

    assertThat(current(skipped.run())).isEqualTo("close");
    assertThat(skipped.events())
        .containsExactly(
            new RunEvent.StepSkipped(
                "run-1",
                "decline",
                "customer accepted store credit",
                Optional.of("close"),
                "agent-7",
                at(9)));
    assertThat(skipped.run().deviations())
        .containsExactly(
            new Deviation(
                Deviation.Kind.SKIPPED,
                "decline",
                "customer accepted store credit",
                "agent-7",
                at(9)));
  }

  @Test
  void skippingAStepThatIsNotSkippableIsRefusedNamingIt() {
    RunOutcome.Refused refused =
        refused(engine.skip(onGather(), "gather", "in a hurry", "agent-7", at(2)));

    assertThat(refused.reasons())
        .extracting(Refusal::message)
        .containsExactly("Step `gather` cannot be skipped; the protocol requires it.");
  }

  @Test
  void skippingWithoutAReasonIsRefused() {
    RunOutcome.Refused refused =
        refused(engine.skip(onDecline(standard), "decline", "  ", "agent-7", at(9)));

    assertThat(refused.reasons()).singleElement().isInstanceOf(Refusal.ReasonRequired.class);
  }

  @Test
  void goingBackReturnsToThePreviousStepAndRecordsWhy() {
    RunOutcome.Accepted back =
        accepted(engine.goBack(onGather(), "customer asked to start again", "agent-7", at(3)));

    assertThat(current(back.run())).isEqualTo("greet");
    assertThat(back.events())
        .containsExactly(
            new RunEvent.WentBack(
                "run-1", "gather", "greet", "customer asked to start again", "agent-7", at(3)));
    assertThat(back.run().log())
        .extracting(StepVisit::stepId, v -> v.outcome().orElse(null))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("greet", StepOutcome.SUBMITTED),
            org.assertj.core.groups.Tuple.tuple("gather", StepOutcome.WENT_BACK),
            org.assertj.core.groups.Tuple.tuple("greet", null));
    assertThat(back.run().deviations())
        .extracting(Deviation::kind)
        .containsExactly(Deviation.Kind.WENT_BACK);
  }

  @Test
  void goingBackFromTheFirstStepOrWithoutAReasonIsRefused() {
    assertThat(refused(engine.goBack(start(), "oops", "agent-7", at(1))).reasons())
        .containsExactly(new Refusal.NothingToGoBackTo("greet"));
    assertThat(refused(engine.goBack(onGather(), "", "agent-7", at(3))).reasons())
        .singleElement()
        .isInstanceOf(Refusal.ReasonRequired.class);
  }

  @Test
  void goingOffScriptIsRecordedWithoutMoving() {
    RunOutcome.Accepted noted =
        accepted(
            engine.offScript(onGather(), "explained the new returns portal", "agent-7", at(3)));

    assertThat(current(noted.run())).isEqualTo("gather");
    assertThat(noted.run().openVisit().deviations())
        .containsExactly(
            new Deviation(
                Deviation.Kind.OFF_SCRIPT,
                "gather",
                "explained the new returns portal",
                "agent-7",
                at(3)));
  }

  @Test
  void theStepLogRecordsWhoWhenHowLongAndWhatWasCaptured() {
    Run run = accepted(gather(onGather(), standard, "2026-02-20")).run();

    StepVisit greet = run.log().get(0);
    StepVisit gather = run.log().get(1);
    assertThat(greet.duration()).contains(Duration.ofMinutes(1));
    assertThat(greet.enteredBy()).isEqualTo("agent-7");
    assertThat(gather.enteredAt()).isEqualTo(at(1));
    assertThat(gather.leftAt()).contains(at(5));
    assertThat(gather.duration()).contains(Duration.ofMinutes(4));
    assertThat(gather.captured())
        .containsEntry("order_number", "ORD-123456")
        .containsEntry("purchase_date", LocalDate.parse("2026-02-20"));
    assertThat(run.log().get(2).duration()).isEmpty();
  }

  @Test
  void abandoningLeavesTheRunForAnotherProtocol() {
    RunOutcome.Accepted abandoned =
        accepted(engine.abandon(onGather(), "this is a warranty case", "agent-7", at(4)));

    assertThat(abandoned.run().status()).isEqualTo(RunStatus.ABANDONED);
    assertThat(abandoned.run().log().get(1).outcome()).contains(StepOutcome.ABANDONED);
  }

  @Test
  void aClockGoingBackwardsIsACallerBug() {
    Run run = onGather();

    assertThatThrownBy(() -> engine.offScript(run, "note", "agent-7", T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("before the current step was entered");
  }

  @Test
  void aSurveyActionIsRequestedAsWritten() {
    Protocol protocol =
        RunFixtures.protocol(
            """
            protocol: survey
            title: Survey
            steps:
              - id: done
                action:
                  - survey: csat
                  - resolve: true
            """);

    RunOutcome.Accepted done =
        accepted(
            engine.submit(
                RunFixtures.started(engine, protocol),
                standard,
                Submission.of("done", Map.of(), "agent-7", at(1))));

    assertThat(done.events())
        .contains(new RunEvent.SurveyRequested("run-1", "case-1", "done", SurveyKind.CSAT, at(1)));
  }
}
