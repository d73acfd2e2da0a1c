package io.servicebook.server.cases;

import io.servicebook.cases.Case;
import io.servicebook.cases.CaseStatus;
import io.servicebook.cases.IllegalCaseTransition;
import io.servicebook.cases.Interaction;
import io.servicebook.protocol.Channel;
import io.servicebook.server.web.Problems;
import io.servicebook.server.web.TimeInput;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/cases}: open a case (idempotently), read and list cases, and work them: add to the
 * conversation, move the status, change the priority, assign. Agents, supervisors and admins may
 * work cases; every signed-in role may read them.
 */
@RestController
@RequestMapping("/api/v1/cases")
class CaseController {

  private static final String WORKERS = "hasAnyRole('ADMIN', 'SUPERVISOR', 'AGENT')";
  private static final tools.jackson.databind.json.JsonMapper JSON =
      tools.jackson.databind.json.JsonMapper.builder().build();
  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 200;

  private final Cases cases;
  private final CustomerTiers tiers;

  CaseController(Cases cases, CustomerTiers tiers) {
    this.cases = cases;
    this.tiers = tiers;
  }

  @PostMapping
  @PreAuthorize(WORKERS)
  ResponseEntity<?> open(
      @RequestBody Map<String, Object> body,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      Authentication who) {
    return switch (CaseRequests.newCase(body, tiers)) {
      case CaseRequests.Read.Invalid<NewCase> invalid ->
          invalid("invalid-case", "The case is not valid", invalid.errors());
      case CaseRequests.Read.Valid<NewCase> valid ->
          switch (cases.open(valid.value(), who.getName(), Optional.ofNullable(key))) {
            case Cases.Opening.Opened opened ->
                ResponseEntity.status(HttpStatus.CREATED).body(opened.body());
            case Cases.Opening.KeyReused reused ->
                problem(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "idempotency-key-reused",
                    "Idempotency key used for another request",
                    "The Idempotency-Key `"
                        + reused.key()
                        + "` already opened a case with a different request; use a new key for a"
                        + " new case.");
          };
    };
  }

  @GetMapping("/{id}")
  ResponseEntity<?> get(@PathVariable String id, Authentication who) {
    return found(id, cases.view(id, who.getName()));
  }

  /** The case's history: every recorded change with actor, time, reason and details. */
  @GetMapping("/{id}/events")
  ResponseEntity<?> events(@PathVariable String id) {
    return found(
        id,
        cases
            .events(id)
            .map(
                events ->
                    Map.of(
                        "items",
                        events.stream()
                            .map(
                                e -> {
                                  Map<String, Object> m = new LinkedHashMap<>();
                                  m.put("id", e.id());
                                  m.put("subject", e.subjectType() + ":" + e.subjectId());
                                  m.put("type", e.eventType());
                                  m.put("actor", e.actor());
                                  m.put("at", e.at().toString());
                                  m.put("reason", e.reason());
                                  m.put("details", JSON.readTree(e.details()));
                                  return m;
                                })
                            .toList())));
  }

  @GetMapping
  ResponseEntity<?> list(
      @RequestParam Optional<String> status,
      @RequestParam Optional<String> channel,
      @RequestParam Optional<String> protocol,
      @RequestParam Optional<String> assignee,
      @RequestParam Optional<String> team,
      @RequestParam(name = "breaching_within") Optional<String> breachingWithin,
      @RequestParam(name = "customer_id") Optional<String> customerId,
      @RequestParam Optional<String> limit,
      @RequestParam Optional<String> cursor,
      Authentication who) {
    List<CaseRequests.FieldError> errors = new java.util.ArrayList<>();
    if (assignee.isPresent() && team.isPresent()) {
      errors.add(
          new CaseRequests.FieldError(
              "team", "give either `assignee` or `team`: a queue is one person's or one team's."));
    }
    Optional<CaseRepository.Filter.Queue> queue =
        assignee
            .<CaseRepository.Filter.Queue>map(
                a ->
                    switch (a) {
                      case "me" -> new CaseRepository.Filter.Queue.Assignee(who.getName());
                      case "none" -> new CaseRepository.Filter.Queue.Unassigned();
                      default -> new CaseRepository.Filter.Queue.Assignee(a);
                    })
            .or(() -> team.map(CaseRepository.Filter.Queue.Team::new));
    Optional<Instant> dueBefore = Optional.empty();
    if (breachingWithin.isPresent()) {
      try {
        Duration within = TimeInput.duration("breaching_within", breachingWithin.get(), true);
        dueBefore = Optional.of(cases.now().plus(within));
      } catch (TimeInput.Invalid e) {
        errors.add(new CaseRequests.FieldError(e.field(), e.getMessage()));
      }
    }
    Optional<CaseStatus> byStatus = option(status, CaseStatus.values(), CaseStatus::key);
    if (status.isPresent() && byStatus.isEmpty()) {
      errors.add(accepted("status", status.get(), CaseStatus.values(), CaseStatus::key));
    }
    Optional<Channel> byChannel = option(channel, Channel.values(), Channel::key);
    if (channel.isPresent() && byChannel.isEmpty()) {
      errors.add(accepted("channel", channel.get(), Channel.values(), Channel::key));
    }
    int size = limit.map(CaseController::limit).orElse(DEFAULT_LIMIT);
    if (size < 1) {
      errors.add(
          new CaseRequests.FieldError(
              "limit", "“" + limit.get() + "” is not a number from 1 to " + MAX_LIMIT + "."));
    }
    Optional<CaseRepository.Position> after = cursor.flatMap(CaseController::decode);
    if (cursor.isPresent() && after.isEmpty()) {
      errors.add(
          new CaseRequests.FieldError(
              "cursor", "is not a cursor this server gave out; start again without one."));
    }
    if (!errors.isEmpty()) {
      return invalid("invalid-query", "The listing query is not valid", errors);
    }
    Cases.Page page =
        cases.list(
            new CaseRepository.Filter(
                byStatus,
                byChannel,
                protocol,
                queue,
                dueBefore,
                customerId,
                after,
                size,
                Optional.empty(),
                Optional.empty()));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", page.cases().stream().map(CaseViews::summary).toList());
    body.put("next_cursor", page.next().map(CaseController::encode).orElse(null));
    return ResponseEntity.ok(body);
  }

  @PostMapping("/{id}/interactions")
  @PreAuthorize(WORKERS)
  ResponseEntity<?> addInteraction(
      @PathVariable String id, @RequestBody Map<String, Object> body, Authentication who) {
    return switch (CaseRequests.interaction(body)) {
      case CaseRequests.Read.Invalid<CaseRequests.NewInteraction> invalid ->
          invalid("invalid-interaction", "The interaction is not valid", invalid.errors());
      case CaseRequests.Read.Valid<CaseRequests.NewInteraction> valid -> {
        CaseRequests.NewInteraction asked = valid.value();
        List<String> unknown =
            asked.kind() == Interaction.Kind.NOTE ? cases.unknownMentions(asked.body()) : List.of();
        if (!unknown.isEmpty()) {
          yield invalid(
              "invalid-interaction",
              "The interaction is not valid",
              List.of(
                  new CaseRequests.FieldError(
                      "body",
                      "mentions "
                          + String.join(", ", unknown.stream().map(n -> "@" + n).toList())
                          + ", who "
                          + (unknown.size() == 1 ? "is" : "are")
                          + " no user of the console; nothing was stored.")));
        }
        Function<Case, Case.Change> how =
            asked.then().isPresent()
                ? cases.reply(asked.body(), who.getName(), asked.then())
                : cases.addInteraction(asked, who.getName());
        yield found(id, cases.change(id, who.getName(), how));
      }
    };
  }

  @PostMapping("/{id}/status")
  @PreAuthorize(WORKERS)
  ResponseEntity<?> changeStatus(
      @PathVariable String id, @RequestBody Map<String, Object> body, Authentication who) {
    return switch (CaseRequests.status(body)) {
      case CaseRequests.Read.Invalid<CaseRequests.StatusChange> invalid ->
          invalid("invalid-status-change", "The status change is not valid", invalid.errors());
      case CaseRequests.Read.Valid<CaseRequests.StatusChange> valid ->
          change(
              id,
              who,
              kase ->
                  kase.changeStatus(
                      valid.value().status(), cases.now(), who.getName(), valid.value().reason()));
    };
  }

  @PostMapping("/{id}/priority")
  @PreAuthorize(WORKERS)
  ResponseEntity<?> changePriority(
      @PathVariable String id, @RequestBody Map<String, Object> body, Authentication who) {
    return switch (CaseRequests.priority(body)) {
      case CaseRequests.Read.Invalid<CaseRequests.PriorityChange> invalid ->
          invalid("invalid-priority-change", "The priority change is not valid", invalid.errors());
      case CaseRequests.Read.Valid<CaseRequests.PriorityChange> valid ->
          change(
              id,
              who,
              kase ->
                  kase.changePriority(
                      valid.value().priority(),
                      cases.now(),
                      who.getName(),
                      valid.value().reason()));
    };
  }

  @PostMapping("/{id}/assignee")
  @PreAuthorize(WORKERS)
  ResponseEntity<?> assign(
      @PathVariable String id, @RequestBody Map<String, Object> body, Authentication who) {
    return switch (CaseRequests.assignment(body)) {
      case CaseRequests.Read.Invalid<CaseRequests.Assignment> invalid ->
          invalid("invalid-assignment", "The assignment is not valid", invalid.errors());
      case CaseRequests.Read.Valid<CaseRequests.Assignment> valid ->
          change(
              id,
              who,
              kase ->
                  kase.assign(
                      valid.value().assignee(), valid.value().team(), who.getName(), cases.now()));
    };
  }

  /**
   * Merges the case named by {@code case_id} into this one (which survives): the same customer's,
   * neither closed. Answers both cases as they are now.
   */
  @PostMapping("/{id}/merge")
  @PreAuthorize(WORKERS)
  ResponseEntity<?> merge(
      @PathVariable String id, @RequestBody Map<String, Object> body, Authentication who) {
    return switch (CaseRequests.merge(body)) {
      case CaseRequests.Read.Invalid<CaseRequests.MergeRequest> invalid ->
          invalid("invalid-merge", "The merge is not valid", invalid.errors());
      case CaseRequests.Read.Valid<CaseRequests.MergeRequest> valid ->
          merged(id, valid.value(), who);
    };
  }

  private ResponseEntity<?> merged(String id, CaseRequests.MergeRequest asked, Authentication who) {
    String other = asked.caseId();
    return switch (cases.merge(id, other, asked.reason(), who.getName())) {
      case Cases.Merge.NotFound missing ->
          problem(
              HttpStatus.NOT_FOUND,
              "case-not-found",
              "Case not found",
              "There is no case `" + missing.id() + "`.");
      case Cases.Merge.Refused refused -> {
        ResponseEntity<ProblemDetail> reply =
            problem(
                HttpStatus.CONFLICT,
                "merge-refused",
                "The cases cannot be merged",
                refused.detail());
        reply.getBody().setProperty("reason", refused.why());
        yield reply;
      }
      case Cases.Merge.Merged merged -> {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("case", cases.view(id, who.getName()).orElseThrow());
        answer.put("merged", cases.view(other, who.getName()).orElseThrow());
        yield ResponseEntity.ok(answer);
      }
    };
  }

  @ExceptionHandler(IllegalCaseTransition.class)
  ResponseEntity<ProblemDetail> illegalTransition(IllegalCaseTransition e) {
    ResponseEntity<ProblemDetail> reply =
        problem(
            HttpStatus.CONFLICT, "illegal-transition", "Status move not allowed", e.getMessage());
    reply.getBody().setProperty("from", e.from().key());
    reply.getBody().setProperty("to", e.to().key());
    return reply;
  }

  @ExceptionHandler(Cases.CaseClosed.class)
  ResponseEntity<ProblemDetail> closed(Cases.CaseClosed e) {
    return problem(HttpStatus.CONFLICT, "case-closed", "The case is closed", e.getMessage());
  }

  @ExceptionHandler(ConcurrentChange.class)
  ResponseEntity<ProblemDetail> conflict(ConcurrentChange e) {
    return problem(HttpStatus.CONFLICT, "conflict", "Changed meanwhile", e.getMessage());
  }

  private ResponseEntity<?> change(String id, Authentication who, Function<Case, Case.Change> how) {
    return found(id, cases.change(id, who.getName(), how));
  }

  private static ResponseEntity<?> found(String id, Optional<Map<String, Object>> view) {
    return view.<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElseGet(
            () ->
                problem(
                    HttpStatus.NOT_FOUND,
                    "case-not-found",
                    "Case not found",
                    "There is no case `" + id + "`."));
  }

  static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, String type, String title, String detail) {
    return ResponseEntity.status(status).body(Problems.of(status, type, title, detail));
  }

  private static ResponseEntity<ProblemDetail> invalid(
      String type, String title, List<CaseRequests.FieldError> errors) {
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

  private static <E> Optional<E> option(
      Optional<String> text, E[] options, Function<E, String> key) {
    return text.flatMap(
        t ->
            java.util.Arrays.stream(options)
                .filter(o -> key.apply(o).equalsIgnoreCase(t.trim()))
                .findFirst());
  }

  private static <E> CaseRequests.FieldError accepted(
      String name, String text, E[] options, Function<E, String> key) {
    return new CaseRequests.FieldError(
        name,
        "“"
            + text
            + "” is not accepted; choose one of "
            + String.join(", ", java.util.Arrays.stream(options).map(key).toList())
            + ".");
  }

  private static int limit(String text) {
    try {
      int n = Integer.parseInt(text.trim());
      return n >= 1 && n <= MAX_LIMIT ? n : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String encode(CaseRepository.Position position) {
    return Cases.cursor(position);
  }

  private static Optional<CaseRepository.Position> decode(String cursor) {
    return Cases.position(cursor);
  }
}
