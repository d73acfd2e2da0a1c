package io.servicebook.server.runs;

import io.servicebook.runs.Refusal;
import io.servicebook.server.cases.ConcurrentChange;
import io.servicebook.server.web.Problems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/runs}: a run and its current step; submitting or skipping that step, going back a
 * step, noting an off-script move. Agents, supervisors and admins may work runs; every signed-in
 * role may read them.
 */
@RestController
@RequestMapping("/api/v1/runs")
class RunController {

  private static final String WORKERS = "hasAnyRole('ADMIN', 'SUPERVISOR', 'AGENT')";

  private final Runs runs;

  RunController(Runs runs) {
    this.runs = runs;
  }

  @GetMapping("/{runId}")
  ResponseEntity<?> get(@PathVariable String runId, Authentication who) {
    return runs.view(runId, who.getName())
        .<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElseGet(() -> notFound(runId));
  }

  @PostMapping("/{runId}/steps/{stepId}")
  @PreAuthorize(WORKERS)
  ResponseEntity<?> submit(
      @PathVariable String runId,
      @PathVariable String stepId,
      @RequestBody(required = false) Map<String, Object> body,
      Authentication who) {
    RunRequests.Submission submission = RunRequests.submission(body);
    return answer(
        runs.submit(runId, stepId, submission.fields(), submission.choice(), who.getName()));
  }

  @PostMapping("/{runId}/steps/{stepId}/skip")
  @PreAuthorize(WORKERS)
  ResponseEntity<?> skip(
      @PathVariable String runId,
      @PathVariable String stepId,
      @RequestBody(required = false) Map<String, Object> body,
      Authentication who) {
    return answer(runs.skip(runId, stepId, RunRequests.skipReason(body), who.getName()));
  }

  @PostMapping("/{runId}/back")
  @PreAuthorize(WORKERS)
  ResponseEntity<?> back(
      @PathVariable String runId,
      @RequestBody(required = false) Map<String, Object> body,
      Authentication who) {
    List<Map<String, Object>> errors = new ArrayList<>();
    Optional<String> reason = text(body, "reason", true, errors);
    Optional<String> stepId = text(body, "step_id", false, errors);
    if (!errors.isEmpty()) {
      return invalid(errors);
    }
    return answer(runs.goBack(runId, stepId, reason.orElseThrow(), who.getName()));
  }

  @PostMapping("/{runId}/off-script")
  @PreAuthorize(WORKERS)
  ResponseEntity<?> offScript(
      @PathVariable String runId,
      @RequestBody(required = false) Map<String, Object> body,
      Authentication who) {
    List<Map<String, Object>> errors = new ArrayList<>();
    Optional<String> stepId = text(body, "step_id", true, errors);
    Optional<String> note = text(body, "note", true, errors);
    if (!errors.isEmpty()) {
      return invalid(errors);
    }
    return answer(runs.offScript(runId, stepId.orElseThrow(), note.orElseThrow(), who.getName()));
  }

  /**
   * A text member of a request body; a required one that is missing or blank, or one that is not
   * text, is an error naming it.
   */
  static Optional<String> text(
      Map<String, Object> body, String name, boolean required, List<Map<String, Object>> errors) {
    return RunRequests.text(body, name, required, WHAT.getOrDefault(name, "it"), errors);
  }

  private static final Map<String, String> WHAT =
      Map.of(
          "reason", "why, so the protocol's reviewers can learn from it",
          "note", "what you did instead of what the step says",
          "step_id", "which step you are on",
          "slug", "which protocol to switch to");

  /** A request that names its bad fields: 400, nothing changed. */
  static ResponseEntity<ProblemDetail> invalid(List<Map<String, Object>> errors) {
    ResponseEntity<ProblemDetail> reply =
        problem(
            HttpStatus.BAD_REQUEST,
            "invalid-request",
            "The request is not valid",
            errors.size() + " field(s) need fixing; nothing was changed.");
    reply.getBody().setProperty("errors", errors);
    return reply;
  }

  @ExceptionHandler(ConcurrentChange.class)
  ResponseEntity<ProblemDetail> conflict(ConcurrentChange e) {
    return problem(HttpStatus.CONFLICT, "conflict", "Changed meanwhile", e.getMessage());
  }

  static ResponseEntity<?> answer(Runs.Outcome outcome) {
    return switch (outcome) {
      case Runs.Outcome.Done done -> ResponseEntity.ok(done.run());
      case Runs.Outcome.NotFound notFound -> notFound(notFound.runId());
      case Runs.Outcome.Refused refused -> refusal(refused.reasons());
    };
  }

  /**
   * A stale step or a finished run is a conflict with the run's state (409); anything the agent can
   * fix in the request (values, choice, reason) is 422 with every problem by field.
   */
  private static ResponseEntity<ProblemDetail> refusal(List<Refusal> reasons) {
    for (Refusal reason : reasons) {
      if (reason instanceof Refusal.NotCurrentStep stale) {
        ResponseEntity<ProblemDetail> reply =
            problem(
                HttpStatus.CONFLICT, "not-current-step", "Not the current step", stale.message());
        reply.getBody().setProperty("current_step", stale.current());
        return reply;
      }
      if (reason instanceof Refusal.RunNotActive inactive) {
        return problem(
            HttpStatus.CONFLICT, "run-not-active", "The run is over", inactive.message());
      }
    }
    List<Map<String, Object>> errors = new ArrayList<>();
    for (Refusal reason : reasons) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("field", field(reason));
      error.put("message", reason.message());
      errors.add(error);
    }
    ResponseEntity<ProblemDetail> reply =
        problem(
            HttpStatus.UNPROCESSABLE_CONTENT,
            "step-refused",
            "The step cannot be done like this",
            reasons.size() + " problem(s); nothing was changed.");
    reply.getBody().setProperty("errors", errors);
    return reply;
  }

  /** The request member a refusal is about, as a dotted path; null when it is the step itself. */
  private static String field(Refusal reason) {
    return switch (reason) {
      case Refusal.InvalidValue v -> "fields." + v.field();
      case Refusal.MissingValue m -> "fields." + m.field();
      case Refusal.NotCaptured n -> "fields." + n.field();
      case Refusal.ChoiceNeeded c -> "choice";
      case Refusal.UnknownChoice u -> "choice";
      case Refusal.ReasonRequired r -> "reason";
      case Refusal.NotSkippable s -> null;
      case Refusal.CannotDecideYet c -> null;
      case Refusal.NothingToGoBackTo n -> null;
      case Refusal.NotCurrentStep n -> null;
      case Refusal.RunNotActive r -> null;
    };
  }

  private static ResponseEntity<ProblemDetail> notFound(String runId) {
    return problem(
        HttpStatus.NOT_FOUND, "run-not-found", "Run not found", "There is no run `" + runId + "`.");
  }

  static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, String type, String title, String detail) {
    return ResponseEntity.status(status).body(Problems.of(status, type, title, detail));
  }
}
