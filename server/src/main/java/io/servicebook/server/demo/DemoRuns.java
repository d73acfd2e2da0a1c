package io.servicebook.server.demo;

import io.servicebook.protocol.Branch;
import io.servicebook.protocol.Protocol;
import io.servicebook.protocol.Step;
import io.servicebook.runs.Refusal;
import io.servicebook.server.cases.CaseRuns.RunSummary;
import io.servicebook.server.cases.Cases;
import io.servicebook.server.protocols.ProtocolCatalog;
import io.servicebook.server.runs.Runs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Walks a demo case's run through its protocol as the agent would: through the real {@link Runs},
 * each step submitted a few minutes after the last at its own past moment (see {@link DemoClock}),
 * with what the agent typed into its fields ({@link DemoValues}), the branch they picked where the
 * protocol offers a choice, and now and then a skippable step skipped for a reason (never one whose
 * fields a later condition reads). A step the run refuses, also with other values, ends the walk,
 * with one line in the log: the demo still starts.
 */
@Component
class DemoRuns {

  private static final Logger log = LoggerFactory.getLogger(DemoRuns.class);

  /** A walk stops after this many steps, should a protocol's choices lead round in circles. */
  private static final int MOST_STEPS = 25;

  /** How many times the agent tries other values on a step that refused theirs. */
  private static final int ATTEMPTS = 4;

  /** How many times a walk goes back to correct what an earlier step recorded. */
  private static final int GO_BACKS = 3;

  private static final String CORRECTION = "Corrected what the customer told us before";

  /** How many skippable steps in a hundred the agent skips. */
  private static final int SKIPPED = 15;

  private static final List<String> SKIP_REASONS =
      List.of(
          "Customer in a hurry",
          "Already in the customer's first message",
          "Checked on the phone before",
          "Not needed for this customer");

  private final Runs runs;
  private final Cases cases;
  private final ProtocolCatalog catalog;
  private final Clock clock;

  DemoRuns(Runs runs, Cases cases, ProtocolCatalog catalog, Clock clock) {
    this.runs = runs;
    this.cases = cases;
    this.catalog = catalog;
    this.clock = clock;
  }

  /**
   * How far a walk goes: {@code TO_THE_END} takes the run through to its last step, submitted at
   * the walk's {@code until}; {@code PART_WAY} takes a few steps and stops before one that would
   * end the run.
   */
  enum Reach {
    TO_THE_END,
    PART_WAY
  }

  /** What a walk knows of its case. */
  record Walk(
      String caseId, String agent, DemoValues.Customer customer, Instant from, Instant until) {}

  /** Walks the case's run from {@code walk.from()} to at most {@code walk.until()}. */
  void walk(Walk walk, Reach reach, Random random) {
    if (!(clock instanceof DemoClock demo) || !walk.from().isBefore(walk.until())) {
      return;
    }
    Optional<RunSummary> run = run(walk);
    if (run.isEmpty()) {
      return;
    }
    String runId = run.get().id();
    Protocol protocol = protocol(runId);
    int steps = reach == Reach.TO_THE_END ? MOST_STEPS : 1 + random.nextInt(4);
    Instant at = walk.from();
    int wentBack = 0;
    for (int n = 0; n < steps && run.get().status().equals("active"); n++) {
      Step step = protocol.step(run.get().currentStep().orElseThrow().id()).orElseThrow();
      boolean last = step.ends();
      if (last && reach == Reach.PART_WAY) {
        return;
      }
      // the step that ends the run ends it at the walk's end, and never before the step it follows
      at = last ? latest(walk.until(), at.plusSeconds(1)) : next(at, walk.until(), random);
      Instant when = at;
      Runs.Outcome outcome = tried(demo, walk, protocol, step, runId, when, random);
      if (outcome instanceof Runs.Outcome.Refused refused
          && wentBack < GO_BACKS
          && step.capture().isEmpty()
          && readsFields(refused)) {
        // what an earlier step recorded leaves this one undecided: the agent goes back to it
        wentBack++;
        demo.runAt(
            when, () -> runs.goBack(runId, Optional.of(step.id()), CORRECTION, walk.agent()));
        run = run(walk);
        continue;
      }
      if (outcome instanceof Runs.Outcome.Refused refused) {
        log.warn(
            "Demo case {}: its run refused step `{}` of {} {} times ({}); the walk stops there",
            walk.caseId(),
            step.id(),
            protocol.slug(),
            ATTEMPTS,
            refused.reasons().stream().map(Refusal::message).collect(Collectors.joining("; ")));
        return;
      }
      run = run(walk);
    }
  }

  /**
   * Takes the step at {@code at}; refused, the agent tries other values: an option that leaves a
   * condition undecidable, say, which a real agent would not have picked.
   */
  private Runs.Outcome tried(
      DemoClock demo,
      Walk walk,
      Protocol protocol,
      Step step,
      String runId,
      Instant at,
      Random random) {
    Runs.Outcome[] outcome = new Runs.Outcome[1];
    int attempts = 0;
    do {
      demo.runAt(at, () -> outcome[0] = take(walk, protocol, step, runId, at, random));
      attempts++;
    } while (outcome[0] instanceof Runs.Outcome.Refused && attempts < ATTEMPTS);
    return outcome[0];
  }

  /** Submits the step with plausible values and a choice, or skips it now and then. */
  private Runs.Outcome take(
      Walk walk, Protocol protocol, Step step, String runId, Instant at, Random random) {
    if (step.skippable()
        && step.capture().stream().noneMatch(name -> DemoValues.decides(protocol, name))
        && random.nextInt(100) < SKIPPED) {
      String reason = SKIP_REASONS.get(random.nextInt(SKIP_REASONS.size()));
      return runs.skip(runId, step.id(), reason, walk.agent());
    }
    Map<String, Object> values = DemoValues.forStep(protocol, step, walk.customer(), at, random);
    List<String> choices =
        step.decide().stream()
            .filter(Branch.Choice.class::isInstance)
            .map(b -> ((Branch.Choice) b).label())
            .toList();
    Optional<String> choice =
        choices.isEmpty()
            ? Optional.empty()
            : Optional.of(choices.get(random.nextInt(choices.size())));
    return runs.submit(
        runId,
        step.id(),
        values.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> DemoValues.text(e.getValue()))),
        choice,
        walk.agent());
  }

  /**
   * When the agent is done with the next step: two to twenty minutes on, but never more than a
   * third of the time left, so the steps after it still fit before {@code until}.
   */
  private static Instant next(Instant at, Instant until, Random random) {
    long left = Duration.between(at, until).toSeconds();
    long taken = Math.min(60L * (2 + random.nextInt(19)), left / 3);
    return at.plusSeconds(Math.max(1, taken));
  }

  /** Whether the run could not decide for want of a captured value. */
  private static boolean readsFields(Runs.Outcome.Refused refused) {
    return refused.reasons().stream()
        .anyMatch(
            r ->
                r instanceof Refusal.CannotDecideYet undecided
                    && undecided.expression().filter(e -> e.contains("fields.")).isPresent());
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private Optional<RunSummary> run(Walk walk) {
    return cases.find(walk.caseId()).flatMap(c -> runs.latest(c.kase(), walk.agent()));
  }

  private Protocol protocol(String runId) {
    return runs.pinned(runId)
        .flatMap(pinned -> catalog.version(pinned.protocolSlug(), pinned.protocolVersion()))
        .map(catalog::model)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Run " + runId + " has no published protocol version; a bug."));
  }
}
