package io.servicebook.server.runs;

import io.servicebook.cases.Agent;
import io.servicebook.cases.Case;
import io.servicebook.cases.CaseFacts;
import io.servicebook.cases.CaseStatus;
import io.servicebook.protocol.Branch;
import io.servicebook.protocol.Protocol;
import io.servicebook.protocol.Step;
import io.servicebook.runs.CurrentStep;
import io.servicebook.runs.Refusal;
import io.servicebook.runs.Run;
import io.servicebook.runs.RunEngine;
import io.servicebook.runs.RunEvent;
import io.servicebook.runs.RunOutcome;
import io.servicebook.runs.RunStatus;
import io.servicebook.runs.Submission;
import io.servicebook.server.audit.AuditLog;
import io.servicebook.server.cases.CaseRuns;
import io.servicebook.server.cases.Cases;
import io.servicebook.server.cases.ConcurrentChange;
import io.servicebook.server.cases.StoredCase;
import io.servicebook.server.cases.StoredCase.ProtocolRef;
import io.servicebook.server.protocols.ProtocolCatalog;
import io.servicebook.server.protocols.PublishedProtocol;
import io.servicebook.server.security.Role;
import io.servicebook.server.security.UserAccounts;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs cases through their protocol with the {@link RunEngine}: starts them, takes the agent's
 * submissions and skips, lets decisions made only of conditions decide by themselves, resolves the
 * case when a step says so, and writes each change with its audit events in one transaction.
 */
@Service
public class Runs implements CaseRuns {

  /** A run never decides by itself more steps in a row than this; a loop is the protocol's bug. */
  private static final int MAX_AUTOMATIC_STEPS = 100;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final RunRepository repository;
  private final Cases cases;
  private final ProtocolCatalog catalog;
  private final AuditLog audit;
  private final Clock clock;
  private final TransactionTemplate transactions;
  private final UserAccounts accounts;
  private final ObjectProvider<RunActions> actions;

  /** The engine with the pack's fragments, so `{{> closing}}` in a script renders. */
  private RunEngine engine() {
    return RunEngine.create(catalog.fragments());
  }

  Runs(
      RunRepository repository,
      Cases cases,
      ProtocolCatalog catalog,
      AuditLog audit,
      Clock clock,
      TransactionTemplate transactions,
      UserAccounts accounts,
      ObjectProvider<RunActions> actions) {
    this.accounts = accounts;
    this.actions = actions;
    this.repository = repository;
    this.cases = cases;
    this.catalog = catalog;
    this.audit = audit;
    this.clock = clock;
    this.transactions = transactions;
  }

  /** What an operation on a run got; {@code Done} carries the run as the API shows it. */
  public sealed interface Outcome {
    record NotFound(String runId) implements Outcome {}

    record Refused(List<Refusal> reasons) implements Outcome {}

    record Done(Map<String, Object> run) implements Outcome {}
  }

  /** One operation of the engine on a loaded run. */
  @FunctionalInterface
  interface Operation {
    RunOutcome apply(Run run, CaseFacts facts, Instant at);
  }

  @Override
  public RunSummary start(Case opened, Protocol protocol, int version, String actor) {
    Instant now = clock.instant();
    CaseFacts facts = facts(opened, actor);
    RunOutcome.Accepted started =
        engine().start(UUID.randomUUID().toString(), opened.id(), protocol, version, actor, now);
    List<RunEvent> events = new ArrayList<>(started.events());
    Run run = decideByItself(started.run(), facts, actor, now, events);
    repository.insert(run, now);
    record(run, events, actor);
    carryOut(run, events, actor);
    return summary(run, facts);
  }

  @Override
  public List<String> runIds(String caseId) {
    return repository.idsOf(caseId);
  }

  @Override
  public Optional<RunSummary> latest(Case kase, String viewer) {
    return repository.latestOf(kase.id()).map(stored -> summary(load(stored), facts(kase, viewer)));
  }

  /** The run as the API shows it, its current step personalised for the case and the viewer. */
  public Optional<Map<String, Object>> view(String runId, String viewer) {
    return repository
        .find(runId)
        .map(
            stored ->
                RunViews.full(engine(), load(stored), facts(stored, viewer), stored.version()));
  }

  /** Which case the run is of and which protocol version it is pinned to; empty: no such run. */
  public Optional<RunActions.RunInfo> pinned(String runId) {
    return repository
        .find(runId)
        .map(
            r -> new RunActions.RunInfo(r.id(), r.caseId(), r.protocolSlug(), r.protocolVersion()));
  }

  /** Submits the current step's captured values and choice. */
  public Outcome submit(
      String runId,
      String stepId,
      Map<String, String> fields,
      Optional<String> choice,
      String actor) {
    return act(
        runId,
        actor,
        (run, facts, at) ->
            engine().submit(run, facts, new Submission(stepId, fields, choice, actor, at)));
  }

  /** Skips the current step, for a reason. */
  public Outcome skip(String runId, String stepId, String reason, String actor) {
    return act(runId, actor, (run, facts, at) -> engine().skip(run, stepId, reason, actor, at));
  }

  /**
   * Goes back one step, for a reason; with {@code stepId}, only if the run is still on that step.
   * Steps that decide by themselves are gone back over too: landing on one would only take the run
   * forward again.
   */
  public Outcome goBack(String runId, Optional<String> stepId, String reason, String actor) {
    return act(
        runId,
        actor,
        (run, facts, at) ->
            notOn(run, stepId).orElseGet(() -> backOverAutomaticSteps(run, reason, actor, at)));
  }

  /** Notes that the agent did something the protocol does not say on step {@code stepId}. */
  public Outcome offScript(String runId, String stepId, String note, String actor) {
    return act(
        runId,
        actor,
        (run, facts, at) ->
            notOn(run, Optional.of(stepId))
                .orElseGet(() -> engine().offScript(run, note, actor, at)));
  }

  /** What switching a case's protocol got. */
  public sealed interface Switch {
    record CaseNotFound(String caseId) implements Switch {}

    record CaseClosed(String caseId) implements Switch {}

    record UnknownProtocol(String slug) implements Switch {}

    record Switched(Map<String, Object> answer) implements Switch {}
  }

  /**
   * Leaves the case's active run (abandoned, for the reason), starts a run of the latest published
   * version of protocol {@code slug}, and points the case at it; all in one transaction.
   */
  public Switch switchProtocol(String caseId, String slug, String reason, String actor) {
    return transactions.execute(
        status -> {
          Optional<StoredCase> found = cases.find(caseId);
          if (found.isEmpty()) {
            return new Switch.CaseNotFound(caseId);
          }
          if (found.get().kase().status() == CaseStatus.CLOSED) {
            return new Switch.CaseClosed(caseId);
          }
          Optional<PublishedProtocol> published = catalog.latest(slug);
          if (published.isEmpty()) {
            return new Switch.UnknownProtocol(slug);
          }
          Optional<String> abandoned =
              repository.latestOf(caseId).flatMap(old -> abandon(old, reason, actor));
          ProtocolRef to = new ProtocolRef(slug, published.get().version());
          RunSummary started =
              start(found.get().kase(), catalog.model(published.get()), to.version(), actor);
          Map<String, Object> details = new LinkedHashMap<>();
          details.put("abandoned_run", abandoned.orElse(null));
          details.put("started_run", started.id());
          StoredCase current = cases.find(caseId).orElseThrow();
          cases.switchProtocol(current, to, reason, actor, details);
          Map<String, Object> answer = new LinkedHashMap<>();
          answer.put("case_id", caseId);
          answer.put("protocol", to);
          answer.put("previous_protocol", found.get().protocol().orElse(null));
          answer.put("abandoned_run", abandoned.orElse(null));
          answer.put("run", view(started.id(), actor).orElseThrow());
          return new Switch.Switched(answer);
        });
  }

  /** Abandons the run if it is still active; its id when it was. */
  private Optional<String> abandon(StoredRun stored, String reason, String actor) {
    if (stored.status() != RunStatus.ACTIVE) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (!(engine().abandon(load(stored), reason, actor, now)
        instanceof RunOutcome.Accepted accepted)) {
      throw new IllegalStateException(
          "An active run refused to be abandoned for a non-blank reason; a bug.");
    }
    if (!repository.update(accepted.run(), stored.version(), now)) {
      throw new ConcurrentChange("run", stored.id());
    }
    record(accepted.run(), accepted.events(), actor);
    return Optional.of(stored.id());
  }

  /** A refusal when {@code stepId} is given and the active run is on another step. */
  private static Optional<RunOutcome> notOn(Run run, Optional<String> stepId) {
    Optional<String> current = run.currentStep().map(Step::id);
    if (stepId.isEmpty() || current.isEmpty() || current.get().equals(stepId.get())) {
      return Optional.empty();
    }
    return Optional.of(
        new RunOutcome.Refused(
            run, List.of(new Refusal.NotCurrentStep(stepId.get(), current.get()))));
  }

  private RunOutcome backOverAutomaticSteps(Run run, String reason, String actor, Instant at) {
    RunOutcome outcome = engine().goBack(run, reason, actor, at);
    List<RunEvent> events = new ArrayList<>();
    while (outcome instanceof RunOutcome.Accepted accepted) {
      events.addAll(accepted.events());
      if (accepted.run().currentStep().filter(Runs::decidesByItself).isEmpty()) {
        return new RunOutcome.Accepted(accepted.run(), events);
      }
      outcome = engine().goBack(accepted.run(), reason, actor, at);
    }
    return events.isEmpty()
        ? outcome
        : new RunOutcome.Refused(
            run,
            List.of(new Refusal.NothingToGoBackTo(run.currentStep().map(Step::id).orElse(""))));
  }

  private Outcome act(String runId, String actor, Operation operation) {
    return transactions.execute(
        status -> {
          Optional<StoredRun> stored = repository.find(runId);
          if (stored.isEmpty()) {
            return new Outcome.NotFound(runId);
          }
          CaseFacts facts = facts(stored.get(), actor);
          Instant now = clock.instant();
          return switch (operation.apply(load(stored.get()), facts, now)) {
            case RunOutcome.Refused refused -> new Outcome.Refused(refused.reasons());
            case RunOutcome.Accepted accepted -> {
              List<RunEvent> events = new ArrayList<>(accepted.events());
              Run next = decideByItself(accepted.run(), facts, actor, now, events);
              if (!repository.update(next, stored.get().version(), now)) {
                throw new ConcurrentChange("run", runId);
              }
              record(next, events, actor);
              carryOut(next, events, actor);
              yield new Outcome.Done(
                  RunViews.full(engine(), next, facts, stored.get().version() + 1));
            }
          };
        });
  }

  /**
   * Submits, one after the other, steps whose decision is made only of conditions and that capture
   * nothing: there is nothing for the agent to do on them.
   */
  private Run decideByItself(
      Run run, CaseFacts facts, String actor, Instant at, List<RunEvent> events) {
    Run current = run;
    for (int i = 0; i < MAX_AUTOMATIC_STEPS; i++) {
      Optional<Step> step = current.currentStep().filter(Runs::decidesByItself);
      if (step.isEmpty()) {
        return current;
      }
      RunOutcome outcome =
          engine().submit(current, facts, Submission.of(step.get().id(), Map.of(), actor, at));
      if (!(outcome instanceof RunOutcome.Accepted accepted)) {
        return current;
      }
      events.addAll(accepted.events());
      current = accepted.run();
    }
    return current;
  }

  private static boolean decidesByItself(Step step) {
    return !step.decide().isEmpty()
        && step.capture().isEmpty()
        && step.decide().stream().noneMatch(b -> b instanceof Branch.Choice);
  }

  /** Hands each requested action to the features that carry it out, then resolves if asked. */
  private void carryOut(Run run, List<RunEvent> events, String actor) {
    RunActions.RunInfo info =
        new RunActions.RunInfo(run.id(), run.caseId(), run.protocolSlug(), run.protocolVersion());
    for (RunEvent event : events) {
      if (event instanceof RunEvent.ActionRequested action) {
        actions.orderedStream().forEach(a -> a.requested(action, info, actor));
      }
    }
    resolveIfAsked(run, events, actor);
  }

  private void resolveIfAsked(Run run, List<RunEvent> events, String actor) {
    events.stream()
        .filter(e -> e instanceof RunEvent.CaseResolved)
        .map(RunEvent.CaseResolved.class::cast)
        .findFirst()
        .ifPresent(
            resolved ->
                cases.resolveByRun(
                    run.caseId(),
                    "step `"
                        + resolved.stepId()
                        + "` of "
                        + run.protocolSlug()
                        + " version "
                        + run.protocolVersion()
                        + " resolves the case",
                    actor));
  }

  private Run load(StoredRun stored) {
    Protocol protocol =
        catalog
            .version(stored.protocolSlug(), stored.protocolVersion())
            .map(catalog::model)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Run "
                            + stored.id()
                            + " is pinned to "
                            + stored.protocolSlug()
                            + " version "
                            + stored.protocolVersion()
                            + ", which is not published; published versions are never deleted, so"
                            + " this is a bug."));
    return new Run(
        stored.id(),
        stored.caseId(),
        stored.protocolVersion(),
        protocol,
        stored.status(),
        stored.path(),
        stored.fields(),
        stored.log());
  }

  private CaseFacts facts(StoredRun stored, String viewer) {
    StoredCase kase =
        cases
            .find(stored.caseId())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Run " + stored.id() + " outlived its case; this is a bug."));
    return facts(kase.kase(), viewer);
  }

  /**
   * The case as scripts see it, with the signed-in user as the agent ({@code agent.first_name}).
   * Users have no team or language yet, so those are placeholders until agent profiles exist.
   */
  private CaseFacts facts(Case kase, String viewer) {
    return cases.withHistory(agentFacts(kase, viewer));
  }

  private CaseFacts agentFacts(Case kase, String viewer) {
    return accounts
        .find(viewer)
        .map(
            user -> {
              String name = user.displayName().strip();
              int space = name.indexOf(' ');
              return CaseFacts.of(
                  kase,
                  new Agent(
                      user.username(),
                      space < 0 ? name : name.substring(0, space),
                      space < 0 ? "" : name.substring(space + 1),
                      Optional.empty(),
                      kase.team().orElse("unassigned"),
                      user.roles().stream().findFirst().map(Role::key).orElse("agent"),
                      kase.language()));
            })
        .orElseGet(() -> CaseFacts.of(kase));
  }

  private RunSummary summary(Run run, CaseFacts facts) {
    Optional<CurrentStep> step = engine().currentStep(run, facts);
    return new RunSummary(
        run.id(),
        run.status().name().toLowerCase(Locale.ROOT),
        step.map(s -> new StepSummary(s.step().id(), s.title(), s.script())));
  }

  private void record(Run run, List<RunEvent> events, String actor) {
    for (RunEvent event : events) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("case_id", run.caseId());
      String reason = null;
      String type =
          switch (event) {
            case RunEvent.RunStarted s -> {
              details.put(
                  "protocol", Map.of("slug", s.protocolSlug(), "version", s.protocolVersion()));
              details.put("first_step", s.firstStep());
              yield "run.started";
            }
            case RunEvent.StepSubmitted s -> {
              details.put("step_id", s.stepId());
              Map<String, Object> values = new LinkedHashMap<>();
              s.values().forEach((k, v) -> values.put(k, RunState.plain(v)));
              details.put("values", values);
              details.put("choice", s.choice().orElse(null));
              details.put("next", s.next().orElse(null));
              yield "run.step_submitted";
            }
            case RunEvent.StepSkipped s -> {
              reason = s.reason();
              details.put("step_id", s.stepId());
              details.put("next", s.next().orElse(null));
              yield "run.step_skipped";
            }
            case RunEvent.WentBack b -> {
              reason = b.reason();
              details.put("from", b.fromStep());
              details.put("to", b.toStep());
              yield "run.went_back";
            }
            case RunEvent.WentOffScript o -> {
              reason = o.note();
              details.put("step_id", o.stepId());
              yield "run.went_off_script";
            }
            case RunEvent.RunCompleted c -> {
              details.put("last_step", c.lastStep());
              yield "run.completed";
            }
            case RunEvent.RunAbandoned a -> {
              reason = a.reason();
              details.put("step_id", a.stepId());
              yield "run.abandoned";
            }
            case RunEvent.ActionRequested a -> {
              details.put("step_id", a.stepId());
              details.put("action", a.getClass().getSimpleName());
              details.put("request", a.toString());
              yield "run.action_requested";
            }
          };
      audit.append("run", run.id(), type, actor, reason, JSON.writeValueAsString(details));
    }
  }
}
