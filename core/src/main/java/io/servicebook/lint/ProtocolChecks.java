package io.servicebook.lint;

import io.servicebook.diagnostics.Diagnostic;
import io.servicebook.diagnostics.Position;
import io.servicebook.diagnostics.Rule;
import io.servicebook.protocol.Action;
import io.servicebook.protocol.Branch;
import io.servicebook.protocol.Channel;
import io.servicebook.protocol.Protocol;
import io.servicebook.protocol.Script;
import io.servicebook.protocol.Step;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** The lint checks of one protocol; each method is one rule. */
final class ProtocolChecks {

  static final int MAX_STEPS = 12;
  static final double SIX_MONTHS_IN_DAYS = 184;

  private final Protocol protocol;
  private final List<Diagnostic> found = new ArrayList<>();

  private ProtocolChecks(Protocol protocol) {
    this.protocol = protocol;
  }

  static List<Diagnostic> check(Protocol protocol) {
    ProtocolChecks checks = new ProtocolChecks(protocol);
    checks.flow();
    checks.decisionsWithoutOtherwise();
    checks.escalationPath();
    checks.followUp();
    checks.feedback();
    checks.benchmarks();
    checks.flexibility();
    checks.review();
    checks.scripts();
    checks.sla();
    checks.compensation();
    checks.size();
    checks.owner();
    checks.emptySteps();
    checks.unusedFields();
    return checks.found;
  }

  private void report(Rule rule, Position at, String message) {
    found.add(rule.at(protocol.file(), at, message));
  }

  private Stream<Action> allActions() {
    Stream<Action> inSteps = protocol.steps().stream().flatMap(s -> s.actions().stream());
    Stream<Action> onBreach = protocol.sla().stream().flatMap(s -> s.onBreach().stream());
    return Stream.concat(inSteps, onBreach);
  }

  private void flow() {
    if (protocol.steps().isEmpty()) {
      return;
    }
    FlowGraph graph = new FlowGraph(protocol);
    Set<String> reachable = graph.reachable();
    Set<String> canFinish = graph.canFinish();
    boolean anyEnd =
        protocol.steps().stream()
            .anyMatch(
                s ->
                    s.actions().stream()
                        .anyMatch(a -> a instanceof Action.Resolve || a instanceof Action.Handoff));
    if (!anyEnd) {
      report(
          LintRules.NO_RESOLUTION,
          protocol.positionOf("steps"),
          "No step of `" + protocol.slug() + "` resolves the case or hands it off.");
    }
    Set<String> inLoops = new HashSet<>();
    for (Set<String> cycle : graph.cycles()) {
      if (cycle.stream().noneMatch(canFinish::contains)
          && cycle.stream().anyMatch(reachable::contains)) {
        inLoops.addAll(cycle);
        Step first =
            protocol.steps().stream().filter(s -> cycle.contains(s.id())).findFirst().orElseThrow();
        report(
            LintRules.ENDLESS_LOOP,
            first.position(),
            "Steps "
                + String.join(" → ", cycle)
                + " lead only to each other: a run that enters them never ends.");
      }
    }
    for (Step step : protocol.steps()) {
      if (!reachable.contains(step.id())) {
        report(
            LintRules.UNREACHABLE_STEP,
            step.position(),
            "Step `"
                + step.id()
                + "` cannot be reached from the first step `"
                + protocol.steps().get(0).id()
                + "`.");
      } else if (!step.ends()
          && graph.successors(step.id()).isEmpty()
          && !inLoops.contains(step.id())) {
        report(
            LintRules.DEAD_END,
            step.position(),
            "Step `"
                + step.id()
                + "` is where the run stops, but it neither resolves the case nor hands it off.");
      }
    }
  }

  private void decisionsWithoutOtherwise() {
    for (Step step : protocol.steps()) {
      boolean automatic = step.decide().stream().anyMatch(b -> b instanceof Branch.When);
      boolean fallback = step.decide().stream().anyMatch(b -> b instanceof Branch.Otherwise);
      if (automatic && !fallback) {
        report(
            LintRules.DECIDE_WITHOUT_OTHERWISE,
            step.position(),
            "The decision in step `"
                + step.id()
                + "` has no `otherwise`: if no condition holds, the run is stuck.");
      }
    }
  }

  private void escalationPath() {
    if (allActions().noneMatch(a -> a instanceof Action.Escalate)) {
      report(
          LintRules.NO_ESCALATION,
          protocol.positionOf("protocol"),
          "`"
              + protocol.slug()
              + "` never escalates: no step and no SLA breach brings in a team lead or supervisor.");
    }
  }

  private void followUp() {
    boolean action = allActions().anyMatch(a -> a instanceof Action.ScheduleFollowUp);
    if (protocol.followUp().isEmpty() && !action) {
      report(
          LintRules.NO_FOLLOW_UP,
          protocol.positionOf("protocol"),
          "`"
              + protocol.slug()
              + "` never checks back with the customer after the case is solved.");
    }
  }

  private void feedback() {
    boolean action = allActions().anyMatch(a -> a instanceof Action.SendSurvey);
    if (protocol.feedback().isEmpty() && !action) {
      report(
          LintRules.NO_FEEDBACK,
          protocol.positionOf("protocol"),
          "`" + protocol.slug() + "` never asks the customer how it went.");
    }
  }

  private void benchmarks() {
    if (protocol.benchmarks().isEmpty()) {
      report(
          LintRules.NO_BENCHMARKS,
          protocol.positionOf("protocol"),
          "`" + protocol.slug() + "` sets no benchmarks, so nobody can tell whether it works.");
    }
  }

  private void flexibility() {
    if (protocol.steps().size() >= 3 && protocol.steps().stream().noneMatch(Step::skippable)) {
      report(
          LintRules.RIGID,
          protocol.positionOf("steps"),
          "None of the "
              + protocol.steps().size()
              + " steps of `"
              + protocol.slug()
              + "` may be skipped.");
    }
  }

  private void review() {
    if (protocol.reviewEvery().isEmpty()) {
      report(
          LintRules.REVIEW_INTERVAL,
          protocol.positionOf("protocol"),
          "`" + protocol.slug() + "` has no `review_every`, so it is never due for review.");
    } else if (protocol.reviewEvery().get().approximateDays() > SIX_MONTHS_IN_DAYS) {
      report(
          LintRules.REVIEW_INTERVAL,
          protocol.positionOf("review_every"),
          "`review_every` is " + protocol.reviewEvery().get() + ", longer than six months.");
    }
  }

  private void scripts() {
    for (Step step : protocol.steps()) {
      step.script().ifPresent(script -> scriptCoverage(step.id(), script));
      step.script().ifPresent(script -> scriptLength(step.id(), script));
    }
  }

  private void scriptCoverage(String step, Script script) {
    Position at = script.texts().get(0).position();
    for (String language : protocol.languages()) {
      if (!script.covers(language)) {
        report(
            LintRules.MISSING_SCRIPT,
            at,
            "Step `"
                + step
                + "` has no script in `"
                + language
                + "`, a language the protocol declares.");
      }
    }
    for (Map.Entry<String, Map<String, Script.Text>> entry : script.byLanguage().entrySet()) {
      Map<String, Script.Text> texts = entry.getValue();
      if (texts.containsKey(Script.ANY_CHANNEL)) {
        continue;
      }
      for (Channel channel : protocol.channels()) {
        if (!texts.containsKey(channel.key())) {
          report(
              LintRules.MISSING_SCRIPT,
              texts.values().iterator().next().position(),
              "Step `"
                  + step
                  + "` has no `"
                  + entry.getKey()
                  + "` script for "
                  + channel.key()
                  + " and no `default` to fall back on.");
        }
      }
    }
  }

  private void scriptLength(String step, Script script) {
    for (Script.Text text : script.texts()) {
      for (Channel channel : channelsServedBy(script, text)) {
        int length = text.template().strip().length();
        if (length > channel.comfortableScriptLength()) {
          report(
              LintRules.SCRIPT_TOO_LONG,
              text.position(),
              "The script of step `"
                  + step
                  + "` has "
                  + length
                  + " characters, but on "
                  + channel.key()
                  + " about "
                  + channel.comfortableScriptLength()
                  + " is the most that reads well.");
          break;
        }
      }
    }
  }

  /** The declared channels on which this text is the one shown. */
  private List<Channel> channelsServedBy(Script script, Script.Text text) {
    Map<String, Script.Text> siblings = script.byLanguage().getOrDefault(text.language(), Map.of());
    List<Channel> channels =
        protocol.channels().isEmpty() ? List.of(Channel.values()) : protocol.channels();
    if (!text.channel().equals(Script.ANY_CHANNEL)) {
      return channels.stream().filter(c -> c.key().equals(text.channel())).toList();
    }
    return channels.stream().filter(c -> !siblings.containsKey(c.key())).toList();
  }

  private void sla() {
    protocol
        .sla()
        .ifPresent(
            sla -> {
              if (sla.calendar().isEmpty()) {
                report(
                    LintRules.SLA_WITHOUT_CALENDAR,
                    sla.position(),
                    "The SLA names no calendar, so its clock runs 24/7, nights and weekends included.");
              }
              boolean hasTargets =
                  !sla.targets().isEmpty()
                      || sla.byPriority().values().stream().anyMatch(t -> !t.isEmpty());
              if (hasTargets && sla.onBreach().isEmpty()) {
                report(
                    LintRules.SLA_WITHOUT_BREACH_ACTION,
                    sla.position(),
                    "The SLA promises response times but `on_breach` does nothing when they are missed.");
              }
            });
  }

  private void compensation() {
    allActions()
        .forEach(
            action -> {
              if (action instanceof Action.Compensate c && c.max().isEmpty()) {
                report(
                    LintRules.COMPENSATION_WITHOUT_MAXIMUM,
                    c.position(),
                    "This compensation in "
                        + c.currency()
                        + " has no `max`, so an agent could offer any amount.");
              }
            });
  }

  private void size() {
    if (protocol.steps().size() > MAX_STEPS) {
      report(
          LintRules.TOO_MANY_STEPS,
          protocol.positionOf("steps"),
          "`"
              + protocol.slug()
              + "` has "
              + protocol.steps().size()
              + " steps; more than "
              + MAX_STEPS
              + " do not fit on one screen.");
    }
  }

  private void owner() {
    if (protocol.owner().isEmpty()) {
      report(
          LintRules.NO_OWNER,
          protocol.positionOf("protocol"),
          "`" + protocol.slug() + "` has no `owner`.");
    }
  }

  private void emptySteps() {
    for (Step step : protocol.steps()) {
      boolean empty =
          step.script().isEmpty()
              && step.guidance().isEmpty()
              && step.capture().isEmpty()
              && step.decide().isEmpty()
              && step.actions().isEmpty();
      if (empty) {
        report(
            LintRules.EMPTY_STEP,
            step.position(),
            "Step `" + step.id() + "` has no script, guidance, fields, decision or action.");
      }
    }
  }

  private void unusedFields() {
    Set<String> captured = new HashSet<>();
    protocol.steps().forEach(s -> captured.addAll(s.capture()));
    protocol
        .fields()
        .values()
        .forEach(
            field -> {
              if (!captured.contains(field.name())) {
                report(
                    LintRules.UNUSED_FIELD,
                    field.position(),
                    "Field `" + field.name() + "` is declared but no step captures it.");
              }
            });
  }
}
