package io.servicebook.server.suggestions;

import io.servicebook.server.web.Problems;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Step suggestions: {@code POST /api/v1/runs/{runId}/suggestions} attaches one to a step of the
 * run's protocol version (agents, supervisors, admins); {@code GET
 * /api/v1/protocols/{slug}/suggestions} lists a protocol's, newest first (every signed-in role);
 * {@code POST /api/v1/suggestions/{id}/done} and {@code …/dismiss} close one (authors and admins,
 * or the agent who made it).
 */
@RestController
class SuggestionController {

  private static final String WORKERS = "hasAnyRole('ADMIN', 'SUPERVISOR', 'AGENT')";

  private final StepSuggestions suggestions;

  SuggestionController(StepSuggestions suggestions) {
    this.suggestions = suggestions;
  }

  @PostMapping("/api/v1/runs/{runId}/suggestions")
  @PreAuthorize(WORKERS)
  ResponseEntity<?> suggest(
      @PathVariable String runId,
      @RequestBody(required = false) Map<String, Object> body,
      Authentication who) {
    Map<String, Object> given = body == null ? Map.of() : body;
    List<Map<String, Object>> notText =
        List.of("step", "text").stream()
            .filter(f -> given.get(f) != null && !(given.get(f) instanceof String))
            .<Map<String, Object>>map(f -> Map.of("field", f, "message", "must be text."))
            .toList();
    if (!notText.isEmpty()) {
      return invalid("invalid-suggestion", "The suggestion is not valid", notText);
    }
    return switch (suggestions.suggest(
        runId, (String) given.get("step"), (String) given.get("text"), who.getName())) {
      case StepSuggestions.Made.RunNotFound missing ->
          problem(
              HttpStatus.NOT_FOUND,
              "run-not-found",
              "Run not found",
              "There is no run `" + runId + "`.");
      case StepSuggestions.Made.Invalid invalid ->
          invalid(
              "invalid-suggestion",
              "The suggestion is not valid",
              invalid.problems().stream()
                  .<Map<String, Object>>map(
                      p -> Map.of("field", p.field(), "code", p.code(), "message", p.message()))
                  .toList());
      case StepSuggestions.Made.Saved saved ->
          ResponseEntity.created(URI.create("/api/v1/suggestions/" + saved.suggestion().id()))
              .body(view(saved.suggestion()));
    };
  }

  @GetMapping("/api/v1/protocols/{slug}/suggestions")
  ResponseEntity<?> ofProtocol(@PathVariable String slug, @RequestParam Optional<String> status) {
    Optional<StepSuggestion.Status> only = Optional.empty();
    if (status.isPresent() && !status.get().isBlank()) {
      only = status(status.get());
      if (only.isEmpty()) {
        return invalid(
            "invalid-query",
            "The query is not valid",
            List.of(
                Map.of(
                    "field",
                    "status",
                    "message",
                    "“" + status.get() + "” is not a status; choose open, done or dismissed.")));
      }
    }
    return suggestions
        .ofProtocol(slug, only)
        .<ResponseEntity<?>>map(
            list ->
                ResponseEntity.ok(
                    Map.of(
                        "protocol",
                        slug,
                        "suggestions",
                        list.stream().map(SuggestionController::view).toList())))
        .orElseGet(
            () ->
                problem(
                    HttpStatus.NOT_FOUND,
                    "protocol-not-found",
                    "Protocol not found",
                    "No protocol `" + slug + "` is published."));
  }

  @GetMapping("/api/v1/suggestions/{id}")
  ResponseEntity<?> get(@PathVariable String id) {
    return suggestions
        .find(id)
        .<ResponseEntity<?>>map(s -> ResponseEntity.ok(view(s)))
        .orElseGet(() -> notFound(id));
  }

  @PostMapping("/api/v1/suggestions/{id}/done")
  ResponseEntity<?> done(
      @PathVariable String id,
      @RequestBody(required = false) Map<String, Object> body,
      Authentication who) {
    return close(id, StepSuggestion.Status.DONE, body, who);
  }

  @PostMapping("/api/v1/suggestions/{id}/dismiss")
  ResponseEntity<?> dismiss(
      @PathVariable String id,
      @RequestBody(required = false) Map<String, Object> body,
      Authentication who) {
    return close(id, StepSuggestion.Status.DISMISSED, body, who);
  }

  private ResponseEntity<?> close(
      String id, StepSuggestion.Status to, Map<String, Object> body, Authentication who) {
    Object note = body == null ? null : body.get("note");
    if (note != null && !(note instanceof String)) {
      return invalid(
          "invalid-suggestion-note",
          "The note is not valid",
          List.of(Map.of("field", "note", "message", "must be text.")));
    }
    return switch (suggestions.close(
        id, to, Optional.ofNullable((String) note), who.getName(), curator(who))) {
      case StepSuggestions.Closing.NotFound missing -> notFound(id);
      case StepSuggestions.Closing.Invalid invalid ->
          invalid(
              "invalid-suggestion-note",
              "The note is not valid",
              List.of(
                  Map.of(
                      "field",
                      invalid.problem().field(),
                      "code",
                      invalid.problem().code(),
                      "message",
                      invalid.problem().message())));
      case StepSuggestions.Closing.NotAllowed refused ->
          problem(
              HttpStatus.FORBIDDEN,
              "suggestion-not-yours",
              "Not allowed to close this suggestion",
              "Only authors and admins close other people's suggestions; "
                  + refused.suggestion().author()
                  + " made this one.");
      case StepSuggestions.Closing.AlreadyClosed closed -> {
        ResponseEntity<ProblemDetail> reply =
            problem(
                HttpStatus.CONFLICT,
                "suggestion-closed",
                "The suggestion is " + closed.suggestion().status().key() + " already",
                "Suggestion `"
                    + id
                    + "` was marked "
                    + closed.suggestion().status().key()
                    + " by "
                    + closed.suggestion().closedBy().orElse("somebody")
                    + "; only open suggestions can be closed.");
        reply.getBody().setProperty("status", closed.suggestion().status().key());
        yield reply;
      }
      case StepSuggestions.Closing.Closed closed -> ResponseEntity.ok(view(closed.suggestion()));
    };
  }

  /** Authors and admins look after the protocols, so they may close anybody's suggestion. */
  private static boolean curator(Authentication who) {
    return who.getAuthorities().stream()
        .anyMatch(
            a -> a.getAuthority().equals("ROLE_ADMIN") || a.getAuthority().equals("ROLE_AUTHOR"));
  }

  static Optional<StepSuggestion.Status> status(String text) {
    String key = text.strip().toUpperCase(Locale.ROOT);
    for (StepSuggestion.Status s : StepSuggestion.Status.values()) {
      if (s.name().equals(key)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  static Map<String, Object> view(StepSuggestion s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("protocol", Map.of("slug", s.protocolSlug(), "version", s.protocolVersion()));
    m.put("step", s.stepId());
    m.put("case_id", s.caseId());
    m.put("run_id", s.runId());
    m.put("author", s.author());
    m.put("text", s.text());
    m.put("status", s.status().key());
    m.put("created_at", s.createdAt().toString());
    m.put("closed_at", s.closedAt().map(Instant::toString).orElse(null));
    m.put("closed_by", s.closedBy().orElse(null));
    m.put("note", s.closeNote().orElse(null));
    return m;
  }

  private static ResponseEntity<ProblemDetail> notFound(String id) {
    return problem(
        HttpStatus.NOT_FOUND,
        "suggestion-not-found",
        "Suggestion not found",
        "There is no suggestion `" + id + "`.");
  }

  private static ResponseEntity<ProblemDetail> invalid(
      String type, String title, List<Map<String, Object>> errors) {
    ResponseEntity<ProblemDetail> reply =
        problem(
            HttpStatus.BAD_REQUEST,
            type,
            title,
            errors.size() + " field(s) need fixing; nothing was changed.");
    reply.getBody().setProperty("errors", errors);
    return reply;
  }

  private static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, String type, String title, String detail) {
    return ResponseEntity.status(status).body(Problems.of(status, type, title, detail));
  }
}
