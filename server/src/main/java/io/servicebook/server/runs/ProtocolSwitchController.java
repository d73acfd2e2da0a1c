package io.servicebook.server.runs;

import io.servicebook.server.cases.ConcurrentChange;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/cases/{id}/protocol}: the agent switches the case to another protocol, for a
 * reason. Here rather than with cases because it leaves one run and starts another.
 */
@RestController
class ProtocolSwitchController {

  private static final String WORKERS = "hasAnyRole('ADMIN', 'SUPERVISOR', 'AGENT')";

  private final Runs runs;

  ProtocolSwitchController(Runs runs) {
    this.runs = runs;
  }

  @PostMapping("/api/v1/cases/{id}/protocol")
  @PreAuthorize(WORKERS)
  ResponseEntity<?> switchProtocol(
      @PathVariable String id,
      @RequestBody(required = false) Map<String, Object> body,
      Authentication who) {
    List<Map<String, Object>> errors = new ArrayList<>();
    Optional<String> slug = RunController.text(body, "slug", true, errors);
    Optional<String> reason = RunController.text(body, "reason", true, errors);
    if (!errors.isEmpty()) {
      return RunController.invalid(errors);
    }
    return switch (runs.switchProtocol(
        id, slug.orElseThrow(), reason.orElseThrow(), who.getName())) {
      case Runs.Switch.Switched switched -> ResponseEntity.ok(switched.answer());
      case Runs.Switch.CaseNotFound missing ->
          RunController.problem(
              HttpStatus.NOT_FOUND,
              "case-not-found",
              "Case not found",
              "There is no case `" + missing.caseId() + "`.");
      case Runs.Switch.CaseClosed closed ->
          RunController.problem(
              HttpStatus.CONFLICT,
              "case-closed",
              "The case is closed",
              "Case "
                  + closed.caseId()
                  + " is closed; it runs no protocol any more. Open a follow-up case instead.");
      case Runs.Switch.UnknownProtocol unknown -> {
        ResponseEntity<ProblemDetail> reply =
            RunController.problem(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "protocol-not-found",
                "No such protocol",
                "No version of protocol `"
                    + unknown.slug()
                    + "` is published; GET /api/v1/protocols lists those that are.");
        reply
            .getBody()
            .setProperty(
                "errors",
                List.of(
                    Map.of(
                        "field",
                        "slug",
                        "message",
                        "`" + unknown.slug() + "` is not a published protocol.")));
        yield reply;
      }
    };
  }

  @ExceptionHandler(ConcurrentChange.class)
  ResponseEntity<ProblemDetail> conflict(ConcurrentChange e) {
    return RunController.problem(
        HttpStatus.CONFLICT, "conflict", "Changed meanwhile", e.getMessage());
  }
}
