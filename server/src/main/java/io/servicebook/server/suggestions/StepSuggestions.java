package io.servicebook.server.suggestions;

import io.servicebook.protocol.Step;
import io.servicebook.server.audit.AuditLog;
import io.servicebook.server.protocols.ProtocolCatalog;
import io.servicebook.server.runs.RunActions;
import io.servicebook.server.runs.Runs;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Suggestions agents attach to a step while they run a protocol on a case, collected per protocol
 * for its owner, who marks them done or dismisses them. Every suggestion and every close is audited
 * (subject {@code suggestion}) in the transaction that stores it.
 */
@Service
public class StepSuggestions {

  /** The longest suggestion or closing note, in characters. */
  public static final int MAX_TEXT = 2000;

  /** The most suggestions a protocol's list holds. */
  static final int MAX_LIST = 500;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final SuggestionRepository repository;
  private final Runs runs;
  private final ProtocolCatalog catalog;
  private final AuditLog audit;
  private final Clock clock;
  private final TransactionTemplate transactions;

  StepSuggestions(
      SuggestionRepository repository,
      Runs runs,
      ProtocolCatalog catalog,
      AuditLog audit,
      Clock clock,
      TransactionTemplate transactions) {
    this.repository = repository;
    this.runs = runs;
    this.catalog = catalog;
    this.audit = audit;
    this.clock = clock;
    this.transactions = transactions;
  }

  /**
   * Something wrong with a request: the member it is about, a stable code the pages turn into their
   * own words, and a sentence that says what is accepted.
   */
  public record Problem(String field, String code, String message) {}

  /** What suggesting got. */
  public sealed interface Made {
    record RunNotFound(String runId) implements Made {}

    record Invalid(List<Problem> problems) implements Made {}

    record Saved(StepSuggestion suggestion) implements Made {}
  }

  /** What closing a suggestion got. */
  public sealed interface Closing {
    record NotFound(String id) implements Closing {}

    /** Only authors and admins close others' suggestions; an agent may close their own. */
    record NotAllowed(StepSuggestion suggestion) implements Closing {}

    record AlreadyClosed(StepSuggestion suggestion) implements Closing {}

    record Invalid(Problem problem) implements Closing {}

    record Closed(StepSuggestion suggestion) implements Closing {}
  }

  /**
   * Suggests {@code text} about step {@code stepId} of the protocol version the run is pinned to.
   */
  public Made suggest(String runId, String stepId, String text, String actor) {
    return transactions.execute(
        status -> {
          Optional<RunActions.RunInfo> run = runs.pinned(runId);
          if (run.isEmpty()) {
            return new Made.RunNotFound(runId);
          }
          List<Problem> problems = new ArrayList<>();
          String step = stepId == null ? "" : stepId.strip();
          List<String> steps = steps(run.get());
          if (step.isEmpty()) {
            problems.add(
                new Problem(
                    "step", "step.missing", "Say which step the suggestion is about (its id)."));
          } else if (!steps.contains(step)) {
            problems.add(
                new Problem(
                    "step",
                    "step.unknown",
                    "“"
                        + step
                        + "” is not a step of "
                        + run.get().protocolSlug()
                        + " version "
                        + run.get().protocolVersion()
                        + "; its steps are "
                        + String.join(", ", steps)
                        + "."));
          }
          checkText(text, true).ifPresent(problems::add);
          if (!problems.isEmpty()) {
            return new Made.Invalid(problems);
          }
          StepSuggestion made =
              new StepSuggestion(
                  UUID.randomUUID().toString(),
                  run.get().protocolSlug(),
                  run.get().protocolVersion(),
                  step,
                  run.get().caseId(),
                  runId,
                  actor,
                  text.strip(),
                  StepSuggestion.Status.OPEN,
                  clock.instant().truncatedTo(ChronoUnit.MILLIS),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  0);
          repository.insert(made);
          Map<String, Object> details = details(made);
          details.put("text", made.text());
          audit.append(
              "suggestion",
              made.id(),
              "suggestion.made",
              actor,
              null,
              JSON.writeValueAsString(details));
          return new Made.Saved(made);
        });
  }

  /**
   * Marks the suggestion done or dismissed, with an optional note; {@code curator} says the actor
   * looks after protocols (author or admin), who may close anybody's.
   */
  public Closing close(
      String id, StepSuggestion.Status to, Optional<String> note, String actor, boolean curator) {
    if (to == StepSuggestion.Status.OPEN) {
      throw new IllegalArgumentException("A suggestion is closed as done or dismissed, not open.");
    }
    Optional<String> text = note.map(String::strip).filter(n -> !n.isEmpty());
    Optional<Problem> problem = text.flatMap(n -> checkText(n, false));
    if (problem.isPresent()) {
      return new Closing.Invalid(problem.get());
    }
    return transactions.execute(
        status -> {
          Optional<StepSuggestion> found = repository.find(id);
          if (found.isEmpty()) {
            return new Closing.NotFound(id);
          }
          StepSuggestion s = found.get();
          if (!curator && !s.author().equals(actor)) {
            return new Closing.NotAllowed(s);
          }
          if (!s.status().canMoveTo(to)) {
            return new Closing.AlreadyClosed(s);
          }
          StepSuggestion closed =
              s.closed(to, actor, clock.instant().truncatedTo(ChronoUnit.MILLIS), text);
          if (!repository.close(closed)) {
            // the only change a suggestion knows is being closed: somebody was quicker
            return new Closing.AlreadyClosed(repository.find(id).orElseThrow());
          }
          Map<String, Object> details = details(closed);
          details.put("from", s.status().key());
          audit.append(
              "suggestion",
              id,
              "suggestion." + to.key(),
              actor,
              text.orElse(null),
              JSON.writeValueAsString(details));
          return new Closing.Closed(repository.find(id).orElseThrow());
        });
  }

  public Optional<StepSuggestion> find(String id) {
    return repository.find(id);
  }

  /**
   * The suggestions on protocol {@code slug}, of every version, newest first, only those with the
   * status when given; empty when no such protocol is published.
   */
  public Optional<List<StepSuggestion>> ofProtocol(
      String slug, Optional<StepSuggestion.Status> status) {
    if (catalog.latest(slug).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(repository.ofProtocol(slug, status, MAX_LIST));
  }

  /** The ids of the steps of the protocol version the run is pinned to, in the file's order. */
  private List<String> steps(RunActions.RunInfo run) {
    return catalog
        .version(run.protocolSlug(), run.protocolVersion())
        .map(catalog::model)
        .map(p -> p.steps().stream().map(Step::id).toList())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Run " + run.id() + " is pinned to a version that is not published; a bug."));
  }

  /** A problem with a suggestion's text or a closing note; {@code required} for the suggestion. */
  private static Optional<Problem> checkText(String text, boolean required) {
    String field = required ? "text" : "note";
    if (text == null || text.isBlank()) {
      return required
          ? Optional.of(
              new Problem(
                  field,
                  field + ".blank",
                  "Write the suggestion: what about the step should change, and why."))
          : Optional.empty();
    }
    if (text.strip().length() > MAX_TEXT) {
      return Optional.of(
          new Problem(
              field,
              field + ".long",
              "The "
                  + (required ? "suggestion" : "note")
                  + " has "
                  + text.strip().length()
                  + " characters; write at most "
                  + MAX_TEXT
                  + "."));
    }
    return Optional.empty();
  }

  private static Map<String, Object> details(StepSuggestion s) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("case_id", s.caseId());
    details.put("run_id", s.runId());
    details.put("protocol", Map.of("slug", s.protocolSlug(), "version", s.protocolVersion()));
    details.put("step_id", s.stepId());
    return details;
  }
}
