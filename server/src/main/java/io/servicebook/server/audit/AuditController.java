package io.servicebook.server.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/audit}, for admins: the latest check of the audit trail ({@code GET status}), a
 * check now ({@code POST verify}) and a checkpoint now ({@code POST checkpoints}).
 */
@RestController
@RequestMapping("/api/v1/audit")
@PreAuthorize("hasRole('ADMIN')")
class AuditController {

  private final AuditChecks checks;

  AuditController(AuditChecks checks) {
    this.checks = checks;
  }

  @GetMapping("/status")
  Map<String, Object> status() {
    Map<String, Object> view =
        checks.latest().map(AuditController::view).orElseGet(AuditController::unchecked);
    view.put("running", checks.running());
    return view;
  }

  @PostMapping("/verify")
  Map<String, Object> verify() {
    return view(checks.checkNow());
  }

  @PostMapping("/checkpoints")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> checkpoint() {
    AuditCheckpoints.Written written = checks.checkpointNow();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("at", written.at().toString());
    view.put("max_event_id", written.maxEventId());
    view.put("chains", written.chains());
    view.put("file", written.file().toString());
    return view;
  }

  private static Map<String, Object> unchecked() {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("status", "unchecked");
    return view;
  }

  /** A result as JSON: status {@code intact} or {@code broken}, the counts, the first problem. */
  static Map<String, Object> view(AuditVerification.Result result) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("status", result.intact() ? "intact" : "broken");
    view.put("checked_at", result.checkedAt().toString());
    view.put("rows", result.rows());
    view.put("chains", result.chains());
    view.put("checkpoints", result.checkpoints());
    view.put("vouched_chains", result.vouchedChains());
    view.put("problems", result.problems());
    view.put("took_ms", result.took().toMillis());
    view.put("first_problem", result.problem().map(AuditController::problem).orElse(null));
    view.put("listed_problems", result.listed().stream().map(AuditController::problem).toList());
    view.put("summary", result.summary());
    return view;
  }

  private static Map<String, Object> problem(AuditVerification.Problem p) {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("kind", p.kind());
    problem.put("event_id", p.eventId());
    problem.put("subject_type", p.subjectType());
    problem.put("subject_id", p.subjectId());
    problem.put("detail", p.detail());
    problem.put("sentence", p.sentence());
    return problem;
  }
}
