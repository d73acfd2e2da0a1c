package io.servicebook.flowchart;

import io.servicebook.diagnostics.Position;
import io.servicebook.protocol.Action;
import io.servicebook.protocol.Audience;
import io.servicebook.protocol.Branch;
import io.servicebook.protocol.Channel;
import io.servicebook.protocol.Condition;
import io.servicebook.protocol.Feedback;
import io.servicebook.protocol.FollowUp;
import io.servicebook.protocol.IsoDuration;
import io.servicebook.protocol.Priority;
import io.servicebook.protocol.Protocol;
import io.servicebook.protocol.Script;
import io.servicebook.protocol.Sla;
import io.servicebook.protocol.Step;
import io.servicebook.protocol.SurveyKind;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Protocols built directly from the model records, for flowchart tests. */
final class ProtocolFixtures {

  static final Position AT = Position.START;

  private ProtocolFixtures() {}

  /** Three plain steps; the last resolves. */
  static Protocol linear() {
    return protocol(
        "password-reset",
        "Password reset",
        Optional.empty(),
        List.of(
            step("verify", "Verify the customer's identity"),
            step("reset", "Send a reset link"),
            step("confirm", "Confirm the customer can log in", resolve())));
  }

  /**
   * Twelve steps with two decisions, a loop back (clarify → check), escalation, compensation, a
   * hand-off, an SLA, a follow-up and a survey.
   */
  static Protocol damagedDelivery() {
    Sla sla =
        new Sla(
            Optional.of("eu-business"),
            new Sla.Targets(
                Optional.of(Duration.ofHours(2)),
                Optional.of(Duration.ofHours(4)),
                Optional.of(Duration.ofDays(3))),
            Map.of(),
            Optional.empty(),
            Sla.DEFAULT_WARN_AT,
            List.of(new Action.Escalate("team-lead", Optional.empty(), AT)),
            AT);
    List<Step> steps =
        List.of(
            step("greet", "Greet and identify the customer"),
            step("find_order", "Find the order"),
            decision(
                "check",
                "Is the item damaged or missing?",
                List.of(
                    new Branch.When(cond("damage_type == 'missing'"), "missing", AT),
                    new Branch.Choice("Damaged", "photos", AT),
                    new Branch.Otherwise("clarify", AT))),
            next(step("clarify", "Clarify what happened"), "check"),
            step("photos", "Ask for photos of the damage"),
            decision(
                "assess",
                "Assess the damage",
                List.of(
                    new Branch.When(cond("customer.threatens_legal_action == true"), "legal", AT),
                    new Branch.When(cond("order.value > 200"), "supervisor", AT),
                    new Branch.Choice("Replace", "replace", AT),
                    new Branch.Choice("Refund", "refund", AT))),
            next(
                step(
                    "missing",
                    "Open a carrier investigation",
                    new Action.Notify("logistics", Optional.empty(), AT)),
                "refund"),
            next(
                step(
                    "supervisor",
                    "Get supervisor approval",
                    new Action.Escalate("supervisor", Optional.empty(), AT),
                    new Action.RaisePriority(Optional.of(Priority.HIGH), Optional.empty(), AT)),
                "refund"),
            next(
                step(
                    "replace",
                    "Ship a replacement",
                    new Action.ScheduleFollowUp(
                        IsoDuration.parse("P2D").orElseThrow(),
                        Optional.of(Channel.EMAIL),
                        Optional.empty(),
                        Optional.empty(),
                        AT)),
                "close"),
            step(
                "refund",
                "Refund the customer",
                new Action.Compensate(
                    Optional.of(new BigDecimal("100")),
                    "EUR",
                    Optional.of(new BigDecimal("50.00")),
                    Optional.empty(),
                    AT)),
            step(
                "close",
                "Confirm the outcome and close the case",
                resolve(),
                new Action.SendSurvey(SurveyKind.CSAT, Optional.empty(), AT)),
            step(
                "legal",
                "Hand over to the legal claims team",
                new Action.Handoff("legal-claims", Optional.empty(), AT)));
    return new Protocol(
        "damaged-delivery.yaml",
        "damaged-delivery",
        "Damaged or missing delivery",
        Optional.empty(),
        Optional.of("support-ops"),
        Audience.INTERNAL,
        Optional.empty(),
        Optional.empty(),
        Protocol.DEFAULT_PRIORITY,
        List.of(Channel.EMAIL, Channel.CHAT),
        List.of("en"),
        Optional.of(sla),
        Map.of(),
        steps,
        Optional.of(
            new FollowUp(
                IsoDuration.parse("P7D").orElseThrow(),
                Optional.of(Channel.EMAIL),
                Optional.empty(),
                AT)),
        Optional.of(new Feedback(SurveyKind.CSAT, Feedback.Send.ON_RESOLVE, AT)),
        List.of(),
        List.of(),
        Map.of());
  }

  /** A protocol whose title, step ids and labels contain markup and quotes. */
  static Protocol hostile() {
    return protocol(
        "hostile",
        "<script>alert(\"x\")</script> & co",
        Optional.empty(),
        List.of(
            step("step-1.a", "Say \"hello\" <b>loudly</b>"),
            decision(
                "ask?",
                "Pick | one # of `these`",
                List.of(
                    new Branch.Choice("Yes \"really\" <now>", "done", AT),
                    new Branch.When(cond("a < b && c > 'd'"), "step-1.a", AT),
                    new Branch.Otherwise("done", AT))),
            step("done", "Done & dusted", resolve())));
  }

  static Protocol protocol(String slug, String title, Optional<Sla> sla, List<Step> steps) {
    return new Protocol(
        slug + ".yaml",
        slug,
        title,
        Optional.empty(),
        Optional.empty(),
        Audience.INTERNAL,
        Optional.empty(),
        Optional.empty(),
        Protocol.DEFAULT_PRIORITY,
        List.of(Channel.CHAT),
        List.of("en"),
        sla,
        Map.of(),
        steps,
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of(),
        Map.of());
  }

  static Step step(String id, String title, Action... actions) {
    return new Step(
        id,
        Optional.of(title),
        Optional.of(script("Hello {{customer.first_name}}, about your request…")),
        Optional.of("Be calm and precise."),
        List.of(),
        List.of(),
        Optional.empty(),
        List.of(actions),
        false,
        Optional.empty(),
        AT);
  }

  static Step decision(String id, String title, List<Branch> branches) {
    return new Step(
        id,
        Optional.of(title),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        branches,
        Optional.empty(),
        List.of(),
        false,
        Optional.empty(),
        AT);
  }

  static Step next(Step s, String next) {
    return new Step(
        s.id(),
        s.title(),
        s.script(),
        s.guidance(),
        s.capture(),
        s.decide(),
        Optional.of(next),
        s.actions(),
        s.skippable(),
        s.include(),
        s.position());
  }

  static Action resolve() {
    return new Action.Resolve(Optional.empty(), AT);
  }

  /**
   * A condition as the flowchart sees it: only its text matters, so the fixtures may write
   * expressions over made-up variables; evaluating one is a mistake in the test.
   */
  static Condition cond(String expression) {
    io.servicebook.condition.CompiledCondition textOnly =
        new io.servicebook.condition.CompiledCondition() {
          @Override
          public String expression() {
            return expression;
          }

          @Override
          public io.servicebook.condition.Evaluation evaluate(
              io.servicebook.condition.ConditionInput input) {
            throw new IllegalStateException("flowchart fixtures are drawn, not evaluated");
          }

          @Override
          public Map<String, java.util.Set<Object>> comparedLiterals() {
            return Map.of();
          }
        };
    return new Condition(expression, AT, textOnly);
  }

  static Script script(String text) {
    return new Script(
        Map.of(
            Script.ANY_LANGUAGE,
            Map.of(
                Script.ANY_CHANNEL,
                new Script.Text(Script.ANY_LANGUAGE, Script.ANY_CHANNEL, text, AT))));
  }
}
