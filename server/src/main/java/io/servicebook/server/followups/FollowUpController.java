package io.servicebook.server.followups;

import io.servicebook.followups.FollowUpStatus;
import io.servicebook.followups.IllegalFollowUpTransition;
import io.servicebook.server.cases.ConcurrentChange;
import io.servicebook.server.web.Problems;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/follow-ups}: the queue of follow-ups (due ones of the caller and of the team by
 * default, oldest due first), marking one done with its outcome or skipping it with a reason; and
 * {@code /api/v1/cases/{id}/follow-ups} to list a case's follow-ups or schedule one by hand. Agents
 * see their own queue and the team's; supervisors and admins anybody's. Every signed-in role may
 * read a case's follow-ups.
 */
@RestController
class FollowUpController {

  private static final String WORKERS = "hasAnyRole('ADMIN', 'SUPERVISOR', 'AGENT')";
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 500;

  private final FollowUps followUps;
  private final Clock clock;

  FollowUpController(FollowUps followUps, Clock clock) {
    this.followUps = followUps;
    this.clock = clock;
  }

  /** A query parameter or body field that is missing or wrong, and why. */
  record FieldError(String field, String message) {}

  @GetMapping("/api/v1/follow-ups")
  @PreAuthorize(WORKERS)
  ResponseEntity<?> queue(
      @RequestParam Optional<String> assignee,
      @RequestParam Optional<String> team,
      @RequestParam Optional<String> status,
      @RequestParam Optional<String> limit,
      Authentication who) {
    List<FieldError> errors = new ArrayList<>();
    Optional<FollowUpStatus> byStatus = status.flatMap(FollowUpStatus::of);
    if (status.isPresent() && byStatus.isEmpty()) {
      errors.add(
          new FieldError(
              "status",
              "“"
                  + status.get()
                  + "” is not accepted; choose one of "
                  + String.join(
                      ", ",
                      Arrays.stream(FollowUpStatus.values()).map(FollowUpStatus::key).toList())
                  + "."));
    }
    int size = limit.map(FollowUpController::limit).orElse(DEFAULT_LIMIT);
    if (size < 1) {
      errors.add(
          new FieldError(
              "limit", "“" + limit.get() + "” is not a number from 1 to " + MAX_LIMIT + "."));
    }
    Optional<String> person =
        assignee
            .map(String::trim)
            .filter(a -> !a.isEmpty())
            .map(a -> a.equals("me") ? who.getName() : a);
    Optional<String> byTeam = team.map(String::trim).filter(t -> !t.isEmpty());
    if (!errors.isEmpty()) {
      return invalid("invalid-query", "The follow-up query is not valid", errors);
    }
    boolean overseer = hasRole(who, "ROLE_ADMIN") || hasRole(who, "ROLE_SUPERVISOR");
    if (person.isPresent() && !person.get().equals(who.getName()) && !overseer) {
      return problem(
          HttpStatus.FORBIDDEN,
          "not-your-queue",
          "Not your queue",
          "Agents see their own follow-ups and their team's; ask for assignee=me or leave it"
              + " out. Supervisors and admins may look at anybody's.");
    }
    FollowUpRepository.Queue queue =
        person.isPresent()
            ? new FollowUpRepository.Queue(
                byStatus.orElse(FollowUpStatus.DUE), person, false, byTeam, size)
            : new FollowUpRepository.Queue(
                byStatus.orElse(FollowUpStatus.DUE),
                overseer && byTeam.isPresent() ? Optional.empty() : Optional.of(who.getName()),
                true,
                byTeam,
                size);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", followUps.queue(queue).stream().map(FollowUpViews::of).toList());
    return ResponseEntity.ok(body);
  }

  @GetMapping("/api/v1/follow-ups/{id}")
  ResponseEntity<?> get(@PathVariable String id) {
    return found(id, followUps.find(id));
  }

  @GetMapping("/api/v1/cases/{caseId}/follow-ups")
  ResponseEntity<?> ofCase(@PathVariable String caseId) {
    return followUps
        .ofCase(caseId)
        .<ResponseEntity<?>>map(
            list ->
                ResponseEntity.ok(Map.of("items", list.stream().map(FollowUpViews::of).toList())))
        .orElseGet(
            () ->
                problem(
                    HttpStatus.NOT_FOUND,
                    "case-not-found",
                    "Case not found",
                    "There is no case `" + caseId + "`."));
  }

  @PostMapping("/api/v1/cases/{caseId}/follow-ups")
  @PreAuthorize(WORKERS)
  ResponseEntity<?> scheduleByHand(
      @PathVariable String caseId,
      @RequestBody(required = false) Map<String, Object> body,
      Authentication who) {
    Map<String, Object> given = body == null ? Map.of() : body;
    List<FieldError> errors = new ArrayList<>();
    for (String field : List.of("due_at", "after", "channel", "note")) {
      Object value = given.get(field);
      if (value != null && !(value instanceof String)) {
        errors.add(new FieldError(field, "must be text."));
      }
    }
    if (errors.isEmpty()) {
      switch (FollowUpByHand.check(
          text(given, "due_at"),
          text(given, "after"),
          text(given, "channel"),
          text(given, "note"),
          Optional.empty(),
          clock.instant())) {
        case FollowUpByHand.Checked.Invalid invalid ->
            invalid.problems().forEach(p -> errors.add(new FieldError(p.field(), p.message())));
        case FollowUpByHand.Checked.Valid valid -> {
          Optional<String> id = followUps.scheduleByHand(caseId, valid.followUp(), who.getName());
          if (id.isEmpty()) {
            return problem(
                HttpStatus.NOT_FOUND,
                "case-not-found",
                "Case not found",
                "There is no case `" + caseId + "`.");
          }
          return ResponseEntity.created(URI.create("/api/v1/follow-ups/" + id.get()))
              .body(FollowUpViews.of(followUps.find(id.get()).orElseThrow()));
        }
      }
    }
    return invalid("invalid-follow-up", "The follow-up is not valid", errors);
  }

  private static Optional<String> text(Map<String, Object> body, String field) {
    return Optional.ofNullable(body.get(field)).map(String.class::cast);
  }

  @PostMapping("/api/v1/follow-ups/{id}/done")
  @PreAuthorize(WORKERS)
  ResponseEntity<?> done(
      @PathVariable String id,
      @RequestBody(required = false) Map<String, Object> body,
      Authentication who) {
    return finish(id, FollowUpStatus.DONE, "outcome", body, who);
  }

  @PostMapping("/api/v1/follow-ups/{id}/skip")
  @PreAuthorize(WORKERS)
  ResponseEntity<?> skip(
      @PathVariable String id,
      @RequestBody(required = false) Map<String, Object> body,
      Authentication who) {
    return finish(id, FollowUpStatus.SKIPPED, "reason", body, who);
  }

  private ResponseEntity<?> finish(
      String id, FollowUpStatus to, String field, Map<String, Object> body, Authentication who) {
    Object value = body == null ? null : body.get(field);
    String error = FollowUps.problem(to, value).orElse(null);
    if (error != null) {
      return invalid(
          "invalid-follow-up-" + (to == FollowUpStatus.DONE ? "outcome" : "skip"),
          to == FollowUpStatus.DONE
              ? "The follow-up's outcome is not valid"
              : "The reason to skip is not valid",
          List.of(new FieldError(field, error)));
    }
    return found(id, followUps.finish(id, to, ((String) value).trim(), who.getName()));
  }

  @ExceptionHandler(IllegalFollowUpTransition.class)
  ResponseEntity<ProblemDetail> finished(IllegalFollowUpTransition e) {
    ResponseEntity<ProblemDetail> reply =
        problem(
            HttpStatus.CONFLICT,
            "follow-up-finished",
            "The follow-up is " + e.from().key() + " already",
            e.getMessage());
    reply.getBody().setProperty("from", e.from().key());
    reply.getBody().setProperty("to", e.to().key());
    return reply;
  }

  @ExceptionHandler(ConcurrentChange.class)
  ResponseEntity<ProblemDetail> conflict(ConcurrentChange e) {
    return problem(HttpStatus.CONFLICT, "conflict", "Changed meanwhile", e.getMessage());
  }

  private ResponseEntity<?> found(String id, Optional<StoredFollowUp> followUp) {
    return followUp
        .<ResponseEntity<?>>map(
            f -> {
              Map<String, Object> view = new LinkedHashMap<>(FollowUpViews.of(f));
              view.put("script", followUps.script(f).orElse(null));
              return ResponseEntity.ok(view);
            })
        .orElseGet(
            () ->
                problem(
                    HttpStatus.NOT_FOUND,
                    "follow-up-not-found",
                    "Follow-up not found",
                    "There is no follow-up `" + id + "`."));
  }

  private static boolean hasRole(Authentication who, String role) {
    return who.getAuthorities().stream().anyMatch(a -> role.equals(a.getAuthority()));
  }

  private static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, String type, String title, String detail) {
    return ResponseEntity.status(status).body(Problems.of(status, type, title, detail));
  }

  private static ResponseEntity<ProblemDetail> invalid(
      String type, String title, List<FieldError> errors) {
    ResponseEntity<ProblemDetail> reply =
        problem(
            HttpStatus.BAD_REQUEST,
            type,
            title,
            errors.size() + " field(s) need fixing; nothing was changed.");
    reply
        .getBody()
        .setProperty(
            "errors",
            errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
    return reply;
  }

  private static int limit(String text) {
    try {
      int n = Integer.parseInt(text.trim());
      return n >= 1 && n <= MAX_LIMIT ? n : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
