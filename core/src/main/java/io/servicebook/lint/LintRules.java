package io.servicebook.lint;

import static io.servicebook.diagnostics.Severity.ERROR;
import static io.servicebook.diagnostics.Severity.INFO;
import static io.servicebook.diagnostics.Severity.WARNING;

import io.servicebook.diagnostics.Rule;
import io.servicebook.diagnostics.Rule.Category;
import io.servicebook.diagnostics.Severity;
import java.util.List;

/**
 * The linter's rules: the known mistakes of service protocols (too rigid, no escalation, feedback
 * ignored, no tracking, never reviewed) and flaws in a protocol's flow.
 */
public final class LintRules {

  public static final Rule UNREACHABLE_STEP =
      rule(
          "unreachable-step",
          WARNING,
          "A step no run can reach",
          "No path from the first step leads to it, so agents will never see it. Usually a"
              + " `goto` or `next` points elsewhere by mistake.",
          "Lead to it from a `goto`, `next` or `otherwise`, or remove it.");
  public static final Rule DEAD_END =
      rule(
          "dead-end",
          ERROR,
          "A step with no way on",
          "The run stops at this step without resolving the case or handing it off: the customer"
              + " is left waiting and the case stays open.",
          "Add `next`, a `decide`, or an action that ends the run (`resolve: true`, `handoff:`).");
  public static final Rule ENDLESS_LOOP =
      rule(
          "endless-loop",
          ERROR,
          "A loop with no exit",
          "Once a run enters these steps it can never leave them, so it never ends.",
          "Give one of the looping steps a branch that leads out, e.g. an `otherwise` to a"
              + " closing step.");
  public static final Rule DECIDE_WITHOUT_OTHERWISE =
      rule(
          "decide-without-otherwise",
          WARNING,
          "A decision without `otherwise`",
          "When none of the conditions holds, the run would be stuck at the decision.",
          "Add `- otherwise: STEP` as the last branch.");
  public static final Rule NO_ESCALATION =
      rule(
          "no-escalation-path",
          WARNING,
          "No escalation path",
          "Every protocol needs a way to bring in someone with more authority when the agent"
              + " cannot solve the case; without it, hard cases stall.",
          "Add an `escalate:` action to a step or to the SLA's `on_breach`.");
  public static final Rule NO_FOLLOW_UP =
      rule(
          "no-follow-up",
          WARNING,
          "No follow-up",
          "Checking back after the case is solved shows the customer the problem really is gone,"
              + " and catches the cases where it is not.",
          "Add `follow_up: {after: P2D, channel: email}` or a `follow_up` action.");
  public static final Rule NO_FEEDBACK =
      rule(
          "no-feedback",
          WARNING,
          "No feedback survey",
          "Without asking customers, nobody knows whether the protocol serves them: ignoring"
              + " feedback is one of the classic mistakes of service protocols.",
          "Add `feedback: {survey: csat, send: on_resolve}`.");
  public static final Rule NO_BENCHMARKS =
      rule(
          "no-benchmarks",
          WARNING,
          "No benchmarks",
          "Without targets, nobody can tell whether the protocol works: inadequate tracking is one"
              + " of the classic mistakes of service protocols.",
          "Add `benchmarks:` such as `csat_avg: \">= 4.5\"` and `first_response_p90: \"<= PT2H\"`.");
  public static final Rule RIGID =
      rule(
          "rigid-protocol",
          WARNING,
          "No step may be skipped",
          "A protocol that allows no flexibility makes agents sound robotic and fails the cases"
              + " it did not foresee. Skips are always recorded with a reason.",
          "Mark steps that are not always needed with `skippable: true`.");
  public static final Rule REVIEW_INTERVAL =
      rule(
          "review-interval",
          WARNING,
          "Reviewed too rarely",
          "Protocols go stale as products, channels and customers change; review them at least"
              + " every six months, using customer and employee feedback.",
          "Set `review_every: P6M` or shorter.");
  public static final Rule MISSING_SCRIPT =
      rule(
          "missing-script",
          WARNING,
          "A script missing for a declared language or channel",
          "An agent serving a customer in that language or on that channel would have no words"
              + " to use, or the wrong ones.",
          "Add the missing language, or a `default` text for the language.");
  public static final Rule SCRIPT_TOO_LONG =
      rule(
          "script-too-long",
          WARNING,
          "A script too long for its channel",
          "Chat, social media and text messages need short answers; a letter-length script there"
              + " reads as a wall of text.",
          "Write a shorter channel variant, e.g. `en: {default: …, chat: …}`.");
  public static final Rule SLA_WITHOUT_CALENDAR =
      rule(
          "sla-without-calendar",
          INFO,
          "SLA without a calendar",
          "Without a calendar the clock runs around the clock, nights and weekends included.",
          "Name a calendar from calendars/, such as `calendar: eu-business`, or an always-open"
              + " calendar to make 24/7 explicit.");
  public static final Rule SLA_WITHOUT_BREACH_ACTION =
      rule(
          "sla-without-breach-action",
          WARNING,
          "An SLA whose breach changes nothing",
          "A response-time promise with no consequence when it is broken is only a hope.",
          "Add `on_breach:` actions, such as `escalate: team_lead` or `notify: supervisor`.");
  public static final Rule COMPENSATION_WITHOUT_MAXIMUM =
      rule(
          "compensation-without-maximum",
          ERROR,
          "Compensation without a maximum",
          "Without a limit an agent could offer anything; budgets need a ceiling per case.",
          "Add `max:` to the compensation, and `approval_above:` for what needs a supervisor.");
  public static final Rule OVERLAPPING_PROTOCOLS =
      rule(
          "overlapping-protocols",
          WARNING,
          "Two protocols apply to the same case at the same priority",
          "When both apply, which one runs depends on a tie-break, not on what the authors meant.",
          "Give one of them a higher `priority`, or narrow its `applies_when`.");
  public static final Rule TOO_MANY_STEPS =
      rule(
          "too-many-steps",
          WARNING,
          "Too many steps for one screen",
          "An agent under pressure cannot keep more than about a dozen steps in view.",
          "Split the protocol and hand off between the parts, or merge small steps.");
  public static final Rule NO_OWNER =
      rule(
          "no-owner",
          WARNING,
          "No owner",
          "A protocol nobody owns is never reviewed, and its review queue has no one to land on.",
          "Add `owner:` with the team or person responsible.");
  public static final Rule EMPTY_STEP =
      rule(
          "empty-step",
          WARNING,
          "A step that tells the agent nothing",
          "A step without script, guidance, fields, decision or action is only a name.",
          "Add guidance or a script, or remove the step.");
  public static final Rule UNUSED_FIELD =
      rule(
          "unused-field",
          INFO,
          "A declared field that is never captured",
          "No step asks for it, so it will always be empty.",
          "Capture it in a step, or remove it.");
  public static final Rule NO_RESOLUTION =
      rule(
          "no-resolution",
          WARNING,
          "No step resolves the case",
          "A protocol should end by resolving the case or handing it to another protocol, so"
              + " resolution times and surveys are measured.",
          "Add `action: {resolve: true}` to the closing step.");

  public static final Rule UNKNOWN_TARGET =
      rule(
          "unknown-target",
          WARNING,
          "An escalation, reassignment or notification to nobody",
          "`escalate`, `reassign` and `notify` must name a level of the escalation ladder, a"
              + " team, a role or a user the server knows. Any other name silently becomes a team"
              + " nobody works in: the case sits there, and nobody hears of it.",
          "Use a level key of the ladder (such as `team_lead`), a team from the teams page, a"
              + " role (`supervisor`) or a username; or create the team first.");

  private LintRules() {}

  public static List<Rule> all() {
    return List.of(
        UNREACHABLE_STEP,
        DEAD_END,
        ENDLESS_LOOP,
        DECIDE_WITHOUT_OTHERWISE,
        NO_ESCALATION,
        NO_FOLLOW_UP,
        NO_FEEDBACK,
        NO_BENCHMARKS,
        RIGID,
        REVIEW_INTERVAL,
        MISSING_SCRIPT,
        SCRIPT_TOO_LONG,
        SLA_WITHOUT_CALENDAR,
        SLA_WITHOUT_BREACH_ACTION,
        COMPENSATION_WITHOUT_MAXIMUM,
        OVERLAPPING_PROTOCOLS,
        TOO_MANY_STEPS,
        NO_OWNER,
        EMPTY_STEP,
        UNUSED_FIELD,
        NO_RESOLUTION,
        UNKNOWN_TARGET);
  }

  private static Rule rule(String id, Severity severity, String title, String why, String fix) {
    return new Rule(id, severity, Category.LINT, title, why, fix);
  }
}
