package io.servicebook.server.escalation;

import io.servicebook.escalation.EscalationMove;
import io.servicebook.server.cases.ConcurrentChange;
import io.servicebook.server.web.Problems;
import java.util.ArrayList;
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
 * {@code /api/v1/cases/{id}/escalations}: a case's escalation level and history; escalating it by
 * hand (agents, supervisors, admins) and de-escalating it (supervisors and admins), always with a
 * reason.
 */
@RestController
@RequestMapping("/api/v1/cases/{id}/escalations")
class EscalationController {

  private static final String WORKERS = "hasAnyRole('ADMIN', 'SUPERVISOR', 'AGENT')";
  private static final String LEADS = "hasAnyRole('ADMIN', 'SUPERVISOR')";

  private final Escalations escalations;

  EscalationController(Escalations escalations) {
    this.escalations = escalations;
  }

  @GetMapping
  ResponseEntity<?> history(@PathVariable String id) {
    return escalations
        .history(id)
        .<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElseGet(() -> caseNotFound(id));
  }

  @PostMapping
  @PreAuthorize(WORKERS)
  ResponseEntity<?> escalate(
      @PathVariable String id,
      @RequestBody(required = false) Map<String, Object> body,
      Authentication who) {
    List<FieldError> errors = new ArrayList<>();
    String reason = reason(body, errors);
    Optional<String> to = text(body, "to", false, errors);
    if (!errors.isEmpty()) {
      return invalid(errors);
    }
    return answer(escalations.byHand(id, to, reason, who.getName()));
  }

  @PostMapping("/de-escalate")
  @PreAuthorize(LEADS)
  ResponseEntity<?> deEscalate(
      @PathVariable String id,
      @RequestBody(required = false) Map<String, Object> body,
      Authentication who) {
    List<FieldError> errors = new ArrayList<>();
    String reason = reason(body, errors);
    Optional<String> to = text(body, "to", true, errors);
    if (!errors.isEmpty()) {
      return invalid(errors);
    }
    return answer(escalations.deEscalate(id, to.orElseThrow(), reason, who.getName()));
  }

  @ExceptionHandler(ConcurrentChange.class)
  ResponseEntity<ProblemDetail> conflict(ConcurrentChange e) {
    return problem(HttpStatus.CONFLICT, "conflict", "Changed meanwhile", e.getMessage());
  }

  private ResponseEntity<?> answer(Escalations.Outcome outcome) {
    return switch (outcome) {
      case Escalations.Outcome.Done done ->
          ResponseEntity.status(HttpStatus.CREATED).body(done.escalation());
      case Escalations.Outcome.CaseNotFound missing -> caseNotFound(missing.caseId());
      case Escalations.Outcome.Refused refused -> refusal(refused.refusal());
    };
  }

  /** A level the ladder does not have is a bad request; a move the ladder forbids is 422. */
  private static ResponseEntity<?> refusal(EscalationMove.Refused refused) {
    if (refused instanceof EscalationMove.UnknownLevel unknown) {
      ResponseEntity<ProblemDetail> reply =
          invalid(List.of(new FieldError("to", unknown.message())));
      reply.getBody().setProperty("levels", unknown.accepted());
      return reply;
    }
    ResponseEntity<ProblemDetail> reply =
        problem(
            HttpStatus.UNPROCESSABLE_CONTENT,
            "escalation-refused",
            "The case cannot move there",
            refused.message());
    reply.getBody().setProperty("current_level", current(refused));
    return reply;
  }

  private static String current(EscalationMove.Refused refused) {
    return switch (refused) {
      case EscalationMove.AtTop top -> top.current().key();
      case EscalationMove.NotAbove notAbove -> notAbove.current().key();
      case EscalationMove.NotBelow notBelow -> notBelow.current().key();
      case EscalationMove.UnknownLevel unknown -> null;
    };
  }

  /** A field of the request that needs fixing. */
  record FieldError(String field, String message) {}

  static String reason(Map<String, Object> body, List<FieldError> errors) {
    return text(body, "reason", true, errors).orElse("");
  }

  /** A text member of the body: absent or null is empty, unless required; blank is an error. */
  static Optional<String> text(
      Map<String, Object> body, String name, boolean required, List<FieldError> errors) {
    Object value = body == null ? null : body.get(name);
    if (value == null) {
      if (required) {
        errors.add(new FieldError(name, "is required; say " + what(name) + "."));
      }
      return Optional.empty();
    }
    if (!(value instanceof String text) || text.isBlank()) {
      errors.add(new FieldError(name, "must be non-blank text; say " + what(name) + "."));
      return Optional.empty();
    }
    return Optional.of(text.strip());
  }

  private static String what(String name) {
    return name.equals("reason")
        ? "why, so the next person and the protocol's reviewers know"
        : "which level (its key)";
  }

  static ResponseEntity<ProblemDetail> invalid(List<FieldError> errors) {
    ResponseEntity<ProblemDetail> reply =
        problem(
            HttpStatus.BAD_REQUEST,
            "invalid-escalation",
            "The escalation is not valid",
            errors.size() + " field(s) need fixing; nothing was changed.");
    reply
        .getBody()
        .setProperty(
            "errors",
            errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
    return reply;
  }

  private static ResponseEntity<ProblemDetail> caseNotFound(String id) {
    return problem(
        HttpStatus.NOT_FOUND, "case-not-found", "Case not found", "There is no case `" + id + "`.");
  }

  private static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, String type, String title, String detail) {
    return ResponseEntity.status(status).body(Problems.of(status, type, title, detail));
  }
}
