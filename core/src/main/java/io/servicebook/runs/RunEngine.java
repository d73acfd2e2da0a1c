package io.servicebook.runs;

import io.servicebook.cases.CaseFacts;
import io.servicebook.condition.ConditionInput;
import io.servicebook.condition.Evaluation;
import io.servicebook.diagnostics.Position;
import io.servicebook.protocol.Action;
import io.servicebook.protocol.Branch;
import io.servicebook.protocol.Condition;
import io.servicebook.protocol.Field;
import io.servicebook.protocol.FieldType;
import io.servicebook.protocol.Fragment;
import io.servicebook.protocol.Protocol;
import io.servicebook.protocol.Script;
import io.servicebook.protocol.Step;
import io.servicebook.runs.Refusal.CannotDecideYet;
import io.servicebook.runs.RunEvent.ActionRequested;
import io.servicebook.script.ScriptTemplates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Guides an agent through a protocol: shows the current step, takes what they captured, requests
 * the step's actions, decides where to go next, and records every step visit and deviation.
 *
 * <p>Every operation returns a {@link RunOutcome}: the new run and its events, or the unchanged run
 * and every reason it was refused. Refused operations change nothing. Operations take the moment
 * they happen ({@code at}); an {@code at} before the current step was entered is a caller bug.
 *
 * <p>Decisions: a step's branches are tried in the order written. A {@code when} branch is taken
 * when its condition holds (evaluated at {@code at}, with the values captured so far), a {@code
 * choice} branch when the agent chose its label ({@link Submission#choosing}), an {@code otherwise}
 * branch always. Reaching a choice branch without a choice asks for one. A condition that cannot be
 * evaluated (a missing value) refuses the submission: "cannot decide yet". The same holds for an
 * action's {@code when}: the engine never guesses whether to escalate.
 *
 * <p>A run completes when a step that ends the protocol is submitted (an unconditional resolve or
 * handoff), when a conditional resolve or handoff fires, or when a step has no step after it.
 */
public final class RunEngine {

  private final Map<String, Fragment> fragments;

  private RunEngine(Map<String, Fragment> fragments) {
    this.fragments = Map.copyOf(fragments);
  }

  /**
   * @param fragments the pack's fragments by name, for scripts that include them ({@code {{>
   *     name}}})
   */
  public static RunEngine create(Map<String, Fragment> fragments) {
    return new RunEngine(fragments);
  }

  public static RunEngine create() {
    return new RunEngine(Map.of());
  }

  /** Starts a run on the protocol's first step, pinned to this version of it. */
  public RunOutcome.Accepted start(
      String runId, String caseId, Protocol protocol, int version, String actor, Instant at) {
    if (protocol.steps().isEmpty()) {
      throw new IllegalArgumentException(
          "Protocol `" + protocol.slug() + "` has no steps; a published protocol always has some.");
    }
    String first = protocol.steps().get(0).id();
    Run run =
        new Run(
            runId,
            caseId,
            version,
            protocol,
            RunStatus.ACTIVE,
            List.of(first),
            Map.of(),
            List.of(StepVisit.enter(first, actor, at)));
    return new RunOutcome.Accepted(
        run,
        List.of(
            new RunEvent.RunStarted(runId, caseId, protocol.slug(), version, first, actor, at)));
  }

  /** The step the agent is on, personalised for the case; empty once the run is finished. */
  public Optional<CurrentStep> currentStep(Run run, CaseFacts facts) {
    return run.currentStep().map(step -> show(run, step, facts));
  }

  private CurrentStep show(Run run, Step step, CaseFacts facts) {
    Optional<Rendered> rendered = render(step.script(), run.protocol(), facts, run.fields());
    return new CurrentStep(
        step,
        rendered.map(Rendered::text),
        rendered.map(Rendered::language),
        step.capture().stream().map(name -> field(run.protocol(), name)).toList(),
        choices(step),
        run.path().size() > 1);
  }

  /** A script rendered for a case: the text, and the language it was written in. */
  public record Rendered(String text, String language) {}

  /**
   * A script of the protocol (a step's, or its follow-up's) in the case's language and for its
   * channel, by the fallback chain of {@link Script#select}, with the placeholders filled from the
   * case, its customer, the agent and the captured {@code fields}; empty without a script.
   */
  public Optional<Rendered> render(
      Optional<Script> script, Protocol protocol, CaseFacts facts, Map<String, Object> fields) {
    String language = facts.kase().language();
    var channel = facts.kase().channel();
    Optional<Script.Text> text =
        script.flatMap(s -> s.select(language, channel, protocol.defaultLanguage()));
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> fragmentTexts = new LinkedHashMap<>();
    fragments.forEach(
        (name, fragment) ->
            fragment
                .script()
                .flatMap(s -> s.select(language, channel, protocol.defaultLanguage()))
                .ifPresent(t -> fragmentTexts.put(name, t.template())));
    ScriptTemplates templates =
        ScriptTemplates.of(protocol.fields().keySet(), fragmentTexts.keySet());
    return Optional.of(
        new Rendered(
            templates.render(text.get().template(), facts.scriptValues(fields), fragmentTexts),
            text.get().language()));
  }

  /** Takes the values of the current step, requests its actions and moves on. */
  public RunOutcome submit(Run run, CaseFacts facts, Submission submission) {
    Optional<RunOutcome> refused = refuseUnlessOn(run, submission.stepId(), submission.at());
    if (refused.isPresent()) {
      return refused.get();
    }
    Step step = run.currentStep().orElseThrow();
    List<Refusal> reasons = new ArrayList<>();
    Map<String, Object> values = validate(run, step, submission.captured(), reasons);
    if (!reasons.isEmpty()) {
      return new RunOutcome.Refused(run, reasons);
    }
    Map<String, Object> fields = new LinkedHashMap<>(run.fields());
    fields.putAll(values);
    ConditionInput input = facts.conditionInput(fields, submission.at());
    List<RunEvent> actions = actions(run, facts, step, input, submission.at(), reasons);
    Optional<String> next = next(run.protocol(), step, input, submission.choice(), reasons);
    if (!reasons.isEmpty()) {
      return new RunOutcome.Refused(run, reasons);
    }
    boolean ends =
        step.ends()
            || next.isEmpty()
            || actions.stream()
                .anyMatch(
                    a ->
                        a instanceof RunEvent.CaseResolved
                            || a instanceof RunEvent.HandoffRequested);
    StepVisit left =
        run.openVisit().leave(StepOutcome.SUBMITTED, submission.actor(), submission.at(), values);
    List<RunEvent> events = new ArrayList<>();
    events.add(
        new RunEvent.StepSubmitted(
            run.id(),
            step.id(),
            values,
            submission.choice(),
            ends ? Optional.empty() : next,
            submission.actor(),
            submission.at()));
    events.addAll(actions);
    return ends
        ? complete(run, left, fields, events, submission.actor(), submission.at())
        : moveTo(run, left, fields, next.get(), events, submission.actor(), submission.at());
  }

  /** Skips a skippable step, for a reason, to the step that follows it. */
  public RunOutcome skip(Run run, String stepId, String reason, String actor, Instant at) {
    Optional<RunOutcome> refused = refuseUnlessOn(run, stepId, at);
    if (refused.isPresent()) {
      return refused.get();
    }
    Step step = run.currentStep().orElseThrow();
    List<Refusal> reasons = new ArrayList<>();
    if (!step.skippable()) {
      reasons.add(new Refusal.NotSkippable(step.id()));
    }
    if (reason.isBlank()) {
      reasons.add(new Refusal.ReasonRequired("skip step `" + step.id() + "`"));
    }
    if (!reasons.isEmpty()) {
      return new RunOutcome.Refused(run, reasons);
    }
    Optional<String> next = run.protocol().followingStep(step);
    StepVisit left =
        run.openVisit()
            .with(new Deviation(Deviation.Kind.SKIPPED, step.id(), reason, actor, at))
            .leave(StepOutcome.SKIPPED, actor, at, Map.of());
    List<RunEvent> events =
        List.of(new RunEvent.StepSkipped(run.id(), step.id(), reason, next, actor, at));
    return next.isEmpty()
        ? complete(run, left, run.fields(), events, actor, at)
        : moveTo(run, left, run.fields(), next.get(), events, actor, at);
  }

  /** Goes back to the step before the current one on the run's path, for a reason. */
  public RunOutcome goBack(Run run, String reason, String actor, Instant at) {
    Optional<RunOutcome> refused = refuseUnlessActive(run, at);
    if (refused.isPresent()) {
      return refused.get();
    }
    String current = run.openVisit().stepId();
    List<Refusal> reasons = new ArrayList<>();
    if (run.path().size() < 2) {
      reasons.add(new Refusal.NothingToGoBackTo(current));
    }
    if (reason.isBlank()) {
      reasons.add(new Refusal.ReasonRequired("go back from step `" + current + "`"));
    }
    if (!reasons.isEmpty()) {
      return new RunOutcome.Refused(run, reasons);
    }
    List<String> path = new ArrayList<>(run.path());
    path.remove(path.size() - 1);
    String previous = path.get(path.size() - 1);
    StepVisit left =
        run.openVisit()
            .with(new Deviation(Deviation.Kind.WENT_BACK, current, reason, actor, at))
            .leave(StepOutcome.WENT_BACK, actor, at, Map.of());
    List<StepVisit> log = run.logWithOpenVisit(left);
    log.add(StepVisit.enter(previous, actor, at));
    return new RunOutcome.Accepted(
        run.withLog(RunStatus.ACTIVE, path, run.fields(), log),
        List.of(new RunEvent.WentBack(run.id(), current, previous, reason, actor, at)));
  }

  /** Records that the agent did something the protocol does not say; stays on the step. */
  public RunOutcome offScript(Run run, String note, String actor, Instant at) {
    Optional<RunOutcome> refused = refuseUnlessActive(run, at);
    if (refused.isPresent()) {
      return refused.get();
    }
    String current = run.openVisit().stepId();
    if (note.isBlank()) {
      return new RunOutcome.Refused(
          run, List.of(new Refusal.ReasonRequired("went off-script on step `" + current + "`")));
    }
    StepVisit noted =
        run.openVisit().with(new Deviation(Deviation.Kind.OFF_SCRIPT, current, note, actor, at));
    return new RunOutcome.Accepted(
        run.withLog(RunStatus.ACTIVE, run.path(), run.fields(), run.logWithOpenVisit(noted)),
        List.of(new RunEvent.WentOffScript(run.id(), current, note, actor, at)));
  }

  /** Leaves the run for another protocol, for a reason. */
  public RunOutcome abandon(Run run, String reason, String actor, Instant at) {
    Optional<RunOutcome> refused = refuseUnlessActive(run, at);
    if (refused.isPresent()) {
      return refused.get();
    }
    String current = run.openVisit().stepId();
    if (reason.isBlank()) {
      return new RunOutcome.Refused(
          run, List.of(new Refusal.ReasonRequired("leave this protocol")));
    }
    StepVisit left = run.openVisit().leave(StepOutcome.ABANDONED, actor, at, Map.of());
    return new RunOutcome.Accepted(
        run.withLog(RunStatus.ABANDONED, run.path(), run.fields(), run.logWithOpenVisit(left)),
        List.of(new RunEvent.RunAbandoned(run.id(), current, reason, actor, at)));
  }

  private static Optional<RunOutcome> refuseUnlessActive(Run run, Instant at) {
    if (run.status() != RunStatus.ACTIVE) {
      return Optional.of(
          new RunOutcome.Refused(run, List.of(new Refusal.RunNotActive(run.status()))));
    }
    Instant entered = run.openVisit().enteredAt();
    if (at.isBefore(entered)) {
      throw new IllegalArgumentException(
          "The operation at "
              + at
              + " is before the current step was entered at "
              + entered
              + "; the caller's clock went backwards.");
    }
    return Optional.empty();
  }

  private static Optional<RunOutcome> refuseUnlessOn(Run run, String stepId, Instant at) {
    Optional<RunOutcome> inactive = refuseUnlessActive(run, at);
    if (inactive.isPresent()) {
      return inactive;
    }
    String current = run.openVisit().stepId();
    return current.equals(stepId)
        ? Optional.empty()
        : Optional.of(
            new RunOutcome.Refused(run, List.of(new Refusal.NotCurrentStep(stepId, current))));
  }

  private static Map<String, Object> validate(
      Run run, Step step, Map<String, String> captured, List<Refusal> reasons) {
    captured.keySet().stream()
        .filter(name -> !step.capture().contains(name))
        .sorted()
        .forEach(name -> reasons.add(new Refusal.NotCaptured(name, step.id(), step.capture())));
    Map<String, Object> values = new LinkedHashMap<>();
    for (String name : step.capture()) {
      Field field = field(run.protocol(), name);
      String raw = captured.get(name);
      if (raw == null || raw.isBlank()) {
        if (field.required() && !run.fields().containsKey(name)) {
          reasons.add(new Refusal.MissingValue(name, CapturedValues.display(field)));
        }
        continue;
      }
      switch (CapturedValues.parse(field, raw)) {
        case CapturedValues.Parsed.Valid(Object value) -> values.put(name, value);
        case CapturedValues.Parsed.Invalid(String problem, String code, List<String> args) ->
            reasons.add(new Refusal.InvalidValue(name, raw, problem, code, args));
      }
    }
    return values;
  }

  /**
   * Whether text typed for one of the protocol's fields fits it, checked as a step's capture checks
   * it (a chat's pre-chat form asks the customer for the first steps' fields): empty when it does,
   * else the refusal a step would give.
   */
  public static Optional<Refusal> checkValue(Protocol protocol, String name, String raw) {
    Field field = field(protocol, name);
    if (raw == null || raw.isBlank()) {
      return field.required()
          ? Optional.of(new Refusal.MissingValue(name, CapturedValues.display(field)))
          : Optional.empty();
    }
    return switch (CapturedValues.parse(field, raw)) {
      case CapturedValues.Parsed.Valid valid -> Optional.empty();
      case CapturedValues.Parsed.Invalid(String problem, String code, List<String> args) ->
          Optional.of(new Refusal.InvalidValue(name, raw, problem, code, args));
    };
  }

  /** A field the step captures; one the protocol does not declare is free text. */
  private static Field field(Protocol protocol, String name) {
    Field declared = protocol.fields().get(name);
    return declared != null
        ? declared
        : new Field(
            name,
            FieldType.STRING,
            Optional.empty(),
            false,
            Optional.empty(),
            List.of(),
            Optional.empty(),
            Optional.empty(),
            Position.START);
  }

  private static List<String> choices(Step step) {
    return step.decide().stream()
        .filter(Branch.Choice.class::isInstance)
        .map(b -> ((Branch.Choice) b).label())
        .toList();
  }

  private static List<RunEvent> actions(
      Run run,
      CaseFacts facts,
      Step step,
      ConditionInput input,
      Instant at,
      List<Refusal> reasons) {
    List<RunEvent> events = new ArrayList<>();
    for (Action action : step.actions()) {
      Optional<Boolean> applies = holds(action.when(), input, step, reasons);
      if (applies.orElse(false)) {
        events.add(requested(run.id(), facts.kase().id(), step.id(), action, at));
      }
    }
    return events;
  }

  /** Whether an optional condition holds; empty (and a refusal) when it cannot be evaluated. */
  private static Optional<Boolean> holds(
      Optional<Condition> condition, ConditionInput input, Step step, List<Refusal> reasons) {
    if (condition.isEmpty()) {
      return Optional.of(true);
    }
    return switch (condition.get().compiled().evaluate(input)) {
      case Evaluation.Value(boolean result) -> Optional.of(result);
      case Evaluation.Error(String message) -> {
        reasons.add(
            new CannotDecideYet(step.id(), Optional.of(condition.get().expression()), message));
        yield Optional.empty();
      }
      case Evaluation.Stopped(String message) -> {
        reasons.add(
            new CannotDecideYet(step.id(), Optional.of(condition.get().expression()), message));
        yield Optional.empty();
      }
    };
  }

  private static ActionRequested requested(
      String runId, String caseId, String stepId, Action action, Instant at) {
    return switch (action) {
      case Action.Escalate e -> new RunEvent.EscalationRequested(runId, caseId, stepId, e.to(), at);
      case Action.Compensate c ->
          new RunEvent.CompensationRequested(
              runId, caseId, stepId, c.max(), c.currency(), c.approvalAbove(), at);
      case Action.ScheduleFollowUp f ->
          new RunEvent.FollowUpScheduled(runId, caseId, stepId, f.after(), f.channel(), at);
      case Action.SendSurvey s ->
          new RunEvent.SurveyRequested(runId, caseId, stepId, s.survey(), at);
      case Action.Resolve r -> new RunEvent.CaseResolved(runId, caseId, stepId, at);
      case Action.Handoff h ->
          new RunEvent.HandoffRequested(runId, caseId, stepId, h.protocol(), at);
      case Action.Reassign r -> new RunEvent.ReassignRequested(runId, caseId, stepId, r.to(), at);
      case Action.RaisePriority p -> new RunEvent.PriorityRaised(runId, caseId, stepId, p.to(), at);
      case Action.Notify n ->
          new RunEvent.NotificationRequested(runId, caseId, stepId, n.who(), at);
    };
  }

  /** The step after this one; empty when there is none (or a refusal was added). */
  private static Optional<String> next(
      Protocol protocol,
      Step step,
      ConditionInput input,
      Optional<String> choice,
      List<Refusal> reasons) {
    List<String> labels = choices(step);
    if (choice.isPresent() && !labels.contains(choice.get())) {
      reasons.add(new Refusal.UnknownChoice(step.id(), choice.get(), labels));
      return Optional.empty();
    }
    if (step.decide().isEmpty()) {
      return protocol.followingStep(step);
    }
    for (Branch branch : step.decide()) {
      switch (branch) {
        case Branch.When when -> {
          Optional<Boolean> holds = holds(Optional.of(when.when()), input, step, reasons);
          if (holds.isEmpty()) {
            return Optional.empty();
          }
          if (holds.get()) {
            return Optional.of(when.target());
          }
        }
        case Branch.Choice c -> {
          if (choice.isEmpty()) {
            reasons.add(new Refusal.ChoiceNeeded(step.id(), labels));
            return Optional.empty();
          }
          if (c.label().equals(choice.get())) {
            return Optional.of(c.target());
          }
        }
        case Branch.Otherwise otherwise -> {
          return Optional.of(otherwise.target());
        }
      }
    }
    reasons.add(
        new CannotDecideYet(
            step.id(), Optional.empty(), "no branch of step `" + step.id() + "` applies."));
    return Optional.empty();
  }

  private static RunOutcome complete(
      Run run,
      StepVisit left,
      Map<String, Object> fields,
      List<RunEvent> events,
      String actor,
      Instant at) {
    List<RunEvent> all = new ArrayList<>(events);
    all.add(new RunEvent.RunCompleted(run.id(), left.stepId(), actor, at));
    return new RunOutcome.Accepted(
        run.withLog(RunStatus.COMPLETED, run.path(), fields, run.logWithOpenVisit(left)), all);
  }

  private static RunOutcome moveTo(
      Run run,
      StepVisit left,
      Map<String, Object> fields,
      String next,
      List<RunEvent> events,
      String actor,
      Instant at) {
    if (run.protocol().step(next).isEmpty()) {
      throw new IllegalStateException(
          "Step `" + next + "` is not in protocol `" + run.protocolSlug() + "`; this is a bug.");
    }
    List<String> path = new ArrayList<>(run.path());
    path.add(next);
    List<StepVisit> log = run.logWithOpenVisit(left);
    log.add(StepVisit.enter(next, actor, at));
    return new RunOutcome.Accepted(run.withLog(RunStatus.ACTIVE, path, fields, log), events);
  }
}
