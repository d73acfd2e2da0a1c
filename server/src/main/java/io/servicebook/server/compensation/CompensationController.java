package io.servicebook.server.compensation;

import io.servicebook.server.compensation.CompensationRequests.BudgetAddress;
import io.servicebook.server.compensation.CompensationRequests.BudgetSetting;
import io.servicebook.server.compensation.CompensationRequests.FieldError;
import io.servicebook.server.compensation.CompensationRequests.NewCompensation;
import io.servicebook.server.compensation.CompensationRequests.Read;
import io.servicebook.server.web.Problems;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Compensation over {@code /api/v1}: agents ask for it on a case; supervisors and admins approve or
 * reject what needs approval and set the teams' monthly budgets; every signed-in role may read
 * compensations, the approval queue and budgets.
 */
@RestController
@RequestMapping("/api/v1")
class CompensationController {

  private static final String WORKERS = "hasAnyRole('ADMIN', 'SUPERVISOR', 'AGENT')";
  private static final String APPROVERS = "hasAnyRole('ADMIN', 'SUPERVISOR')";
  private static final int QUEUE_LIMIT = 500;

  private final Compensations compensations;

  CompensationController(Compensations compensations) {
    this.compensations = compensations;
  }

  @PostMapping("/cases/{caseId}/compensations")
  @PreAuthorize(WORKERS)
  ResponseEntity<?> request(
      @PathVariable String caseId,
      @RequestBody(required = false) Map<String, Object> body,
      Authentication who) {
    return switch (CompensationRequests.compensation(body)) {
      case Read.Invalid<NewCompensation> invalid -> invalid(invalid.errors());
      case Read.Valid<NewCompensation> valid ->
          switch (compensations.request(caseId, valid.value(), who.getName())) {
            case Compensations.Requested.CaseNotFound missing -> caseNotFound(missing.caseId());
            case Compensations.Requested.Decided decided ->
                decided.refusals().isEmpty()
                    ? ResponseEntity.status(HttpStatus.CREATED)
                        .body(CompensationViews.compensation(decided.compensation()))
                    : refused(decided.compensation(), decided.refusals(), "is refused");
          };
    };
  }

  @GetMapping("/cases/{caseId}/compensations")
  ResponseEntity<?> ofCase(@PathVariable String caseId) {
    return compensations
        .ofCase(caseId)
        .<ResponseEntity<?>>map(
            list ->
                ResponseEntity.ok(
                    Map.of("items", list.stream().map(CompensationViews::compensation).toList())))
        .orElseGet(() -> caseNotFound(caseId));
  }

  @GetMapping("/compensations")
  ResponseEntity<?> withStatus(@RequestParam Optional<String> status) {
    return switch (CompensationRequests.status(status.orElse("pending_approval"))) {
      case Read.Invalid<StoredCompensation.Status> invalid ->
          invalid("invalid-query", "The query is not valid", invalid.errors());
      case Read.Valid<StoredCompensation.Status> valid ->
          ResponseEntity.ok(
              Map.of(
                  "items",
                  compensations.withStatus(valid.value(), QUEUE_LIMIT).stream()
                      .map(CompensationViews::compensation)
                      .toList()));
    };
  }

  @GetMapping("/compensations/{id}")
  ResponseEntity<?> get(@PathVariable String id) {
    return compensations
        .find(id)
        .<ResponseEntity<?>>map(c -> ResponseEntity.ok(CompensationViews.compensation(c)))
        .orElseGet(() -> notFound(id));
  }

  @PostMapping("/compensations/{id}/approve")
  @PreAuthorize(APPROVERS)
  ResponseEntity<?> approve(
      @PathVariable String id,
      @RequestBody(required = false) Map<String, Object> body,
      Authentication who) {
    return switch (CompensationRequests.decision(body, false)) {
      case Read.Invalid<Optional<String>> invalid -> invalid(invalid.errors());
      case Read.Valid<Optional<String>> valid ->
          decided(compensations.approve(id, valid.value(), who.getName()));
    };
  }

  @PostMapping("/compensations/{id}/reject")
  @PreAuthorize(APPROVERS)
  ResponseEntity<?> reject(
      @PathVariable String id,
      @RequestBody(required = false) Map<String, Object> body,
      Authentication who) {
    return switch (CompensationRequests.decision(body, true)) {
      case Read.Invalid<Optional<String>> invalid -> invalid(invalid.errors());
      case Read.Valid<Optional<String>> valid ->
          decided(compensations.reject(id, valid.value().orElseThrow(), who.getName()));
    };
  }

  @PutMapping("/budgets/{team}/{month}")
  @PreAuthorize(APPROVERS)
  ResponseEntity<?> setBudget(
      @PathVariable String team,
      @PathVariable String month,
      @RequestBody(required = false) Map<String, Object> body,
      Authentication who) {
    return switch (CompensationRequests.budget(team, month, body)) {
      case Read.Invalid<BudgetSetting> invalid ->
          invalid("invalid-budget", "The budget is not valid", invalid.errors());
      case Read.Valid<BudgetSetting> valid ->
          switch (compensations.setBudget(valid.value(), who.getName())) {
            case Compensations.BudgetSet.Set set ->
                ResponseEntity.ok(CompensationViews.budget(set.view()));
            case Compensations.BudgetSet.CurrencyTaken taken ->
                problem(
                    HttpStatus.CONFLICT,
                    "budget-currency-taken",
                    "The month was spent in another currency",
                    "The team "
                        + valid.value().team()
                        + " already granted compensation in "
                        + taken.currency()
                        + " in "
                        + valid.value().month()
                        + "; set the budget in "
                        + taken.currency()
                        + ".");
            case Compensations.BudgetSet.BelowSpent below ->
                problem(
                    HttpStatus.CONFLICT,
                    "budget-below-spent",
                    "The budget is below what was spent",
                    "The team "
                        + valid.value().team()
                        + " already granted "
                        + below.spent()
                        + " in "
                        + valid.value().month()
                        + "; the budget cannot be less than that.");
          };
    };
  }

  @GetMapping("/budgets/{team}/{month}")
  ResponseEntity<?> budget(@PathVariable String team, @PathVariable String month) {
    return switch (CompensationRequests.budgetAddress(team, month)) {
      case Read.Invalid<BudgetAddress> invalid ->
          invalid("invalid-budget", "The budget address is not valid", invalid.errors());
      case Read.Valid<BudgetAddress> valid ->
          compensations
              .budget(valid.value().team(), valid.value().month())
              .<ResponseEntity<?>>map(view -> ResponseEntity.ok(CompensationViews.budget(view)))
              .orElseGet(
                  () ->
                      problem(
                          HttpStatus.NOT_FOUND,
                          "budget-not-found",
                          "No budget",
                          "The team "
                              + valid.value().team()
                              + " has no compensation budget for "
                              + valid.value().month()
                              + "; an admin sets one under Administration → Compensation"
                              + " budgets (/admin/budgets?month="
                              + valid.value().month()
                              + "), or an admin or supervisor with PUT /api/v1/budgets/"
                              + valid.value().team()
                              + "/"
                              + valid.value().month()
                              + "."));
    };
  }

  @ExceptionHandler(DuplicateKeyException.class)
  ResponseEntity<ProblemDetail> setMeanwhile(DuplicateKeyException e) {
    return problem(
        HttpStatus.CONFLICT,
        "conflict",
        "Changed meanwhile",
        "Someone set the same budget at the same moment; read it and try again.");
  }

  private static ResponseEntity<?> decided(Compensations.Decided decided) {
    return switch (decided) {
      case Compensations.Decided.Done done ->
          ResponseEntity.ok(CompensationViews.compensation(done.compensation()));
      case Compensations.Decided.NotFound missing -> notFound(missing.id());
      case Compensations.Decided.NotPending done -> {
        ResponseEntity<ProblemDetail> reply =
            problem(
                HttpStatus.CONFLICT,
                "compensation-not-pending",
                "Already decided",
                "Compensation "
                    + done.compensation().id()
                    + " is "
                    + done.compensation().status().key()
                    + "; only one pending approval can be approved or rejected.");
        reply.getBody().setProperty("status", done.compensation().status().key());
        yield reply;
      }
      case Compensations.Decided.OwnRequest own ->
          problem(
              HttpStatus.FORBIDDEN,
              "compensation-own-request",
              "Not your own request",
              "You asked for compensation "
                  + own.compensation().id()
                  + " yourself; another supervisor or an admin approves it (you may reject it).");
      case Compensations.Decided.Refused refused ->
          refused(refused.compensation(), refused.reasons(), "cannot be approved now");
    };
  }

  private static ResponseEntity<ProblemDetail> refused(
      StoredCompensation compensation, List<Compensations.Reason> reasons, String what) {
    ResponseEntity<ProblemDetail> reply =
        problem(
            HttpStatus.UNPROCESSABLE_CONTENT,
            "compensation-refused",
            "Compensation refused",
            "The compensation of "
                + CompensationViews.amount(compensation.amount().amount())
                + " "
                + compensation.amount().currency()
                + " "
                + what
                + ": "
                + String.join("; ", reasons.stream().map(Compensations.Reason::message).toList())
                + ".");
    reply.getBody().setProperty("compensation_id", compensation.id());
    reply.getBody().setProperty("status", compensation.status().key());
    reply
        .getBody()
        .setProperty(
            "reasons",
            reasons.stream().map(r -> Map.of("code", r.code(), "message", r.message())).toList());
    return reply;
  }

  private static ResponseEntity<ProblemDetail> caseNotFound(String caseId) {
    return problem(
        HttpStatus.NOT_FOUND,
        "case-not-found",
        "Case not found",
        "There is no case `" + caseId + "`.");
  }

  private static ResponseEntity<ProblemDetail> notFound(String id) {
    return problem(
        HttpStatus.NOT_FOUND,
        "compensation-not-found",
        "Compensation not found",
        "There is no compensation `" + id + "`.");
  }

  private static ResponseEntity<ProblemDetail> invalid(List<FieldError> errors) {
    return invalid("invalid-compensation", "The compensation request is not valid", errors);
  }

  private static ResponseEntity<ProblemDetail> invalid(
      String type, String title, List<FieldError> errors) {
    ResponseEntity<ProblemDetail> reply =
        problem(
            HttpStatus.BAD_REQUEST,
            type,
            title,
            errors.size() + " field(s) need fixing; nothing was stored.");
    reply
        .getBody()
        .setProperty(
            "errors",
            errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
    return reply;
  }

  private static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, String type, String title, String detail) {
    return ResponseEntity.status(status).body(Problems.of(status, type, title, detail));
  }
}
