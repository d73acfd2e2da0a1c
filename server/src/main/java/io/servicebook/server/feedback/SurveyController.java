package io.servicebook.server.feedback;

import io.servicebook.feedback.Scale;
import io.servicebook.feedback.Survey;
import io.servicebook.feedback.SurveyStatus;
import io.servicebook.protocol.SurveyKind;
import io.servicebook.server.web.Problems;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import java.math.BigDecimal;
import java.math.BigInteger;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/cases/{id}/surveys}: an agent sends a survey by hand. {@code POST
 * /api/v1/surveys/{token}/responses} and {@code …/opt-out}: the customer answers or asks for no
 * more surveys; these need no login, the token is the credential.
 */
@RestController
class SurveyController {

  private static final String WORKERS = "hasAnyRole('ADMIN', 'SUPERVISOR', 'AGENT')";

  private final Surveys surveys;

  SurveyController(Surveys surveys) {
    this.surveys = surveys;
  }

  @PostMapping("/api/v1/cases/{caseId}/surveys")
  @PreAuthorize(WORKERS)
  ResponseEntity<?> send(
      @PathVariable String caseId,
      @RequestBody(required = false) Map<String, Object> body,
      Authentication who) {
    Object kind = body == null ? null : body.get("kind");
    Optional<Scale> scale = kind instanceof String name ? Scale.named(name) : Optional.empty();
    if (scale.isEmpty()) {
      return invalid(
          "invalid-survey-request",
          "The survey request is not valid",
          "kind",
          (kind == null ? "a kind is required" : "“" + kind + "” is not a kind of survey")
              + "; choose one of "
              + String.join(", ", Arrays.stream(SurveyKind.values()).map(Scale::key).toList()),
          "No survey was sent.");
    }
    return surveys
        .byHand(caseId, scale.get().kind(), who.getName())
        .<ResponseEntity<?>>map(
            sending ->
                switch (sending) {
                  case Surveys.Sending.Sent sent ->
                      ResponseEntity.status(HttpStatus.CREATED)
                          .body(view(surveys.summary(sent.survey())));
                  case Surveys.Sending.NotSent notSent ->
                      problem(
                          HttpStatus.CONFLICT,
                          notSent.type(),
                          "No survey was sent",
                          notSent.reason());
                })
        .orElseGet(
            () ->
                problem(
                    HttpStatus.NOT_FOUND,
                    "case-not-found",
                    "Case not found",
                    "There is no case `" + caseId + "`."));
  }

  @PostMapping("/api/v1/surveys/{token}/responses")
  @SecurityRequirements // no API token: the survey's token is the credential
  ResponseEntity<?> answer(
      @PathVariable String token, @RequestBody(required = false) Map<String, Object> body) {
    Object score = body == null ? null : body.get("score");
    Object comment = body == null ? null : body.get("comment");
    Optional<Integer> whole = whole(score);
    if (whole.isEmpty()) {
      return invalidAnswer(
          "score",
          score == null
              ? "a score is required: give a whole number on the survey's scale"
              : "a score is a whole number on the survey's scale, not “" + score + "”");
    }
    if (comment != null && !(comment instanceof String)) {
      return invalidAnswer("comment", "a comment is text");
    }
    return surveys
        .answer(token, whole.get(), Optional.ofNullable((String) comment))
        .<ResponseEntity<?>>map(answering -> answered(answering))
        .orElseGet(SurveyController::unknown);
  }

  private static ResponseEntity<?> answered(Survey.Answering answering) {
    return switch (answering) {
      case Survey.Answering.Answered a -> {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("kind", Scale.key(a.survey().kind()));
        view.put("status", a.survey().status().key());
        view.put("score", a.score());
        view.put("comment", a.comment().orElse(null));
        view.put("answered_at", a.survey().closedAt().map(Object::toString).orElse(null));
        yield ResponseEntity.status(HttpStatus.CREATED).body(view);
      }
      case Survey.Answering.Closed c -> closed(c.status());
      case Survey.Answering.Invalid i -> invalidAnswer(i.field(), i.problem());
    };
  }

  private static ResponseEntity<ProblemDetail> closed(SurveyStatus status) {
    ResponseEntity<ProblemDetail> reply =
        switch (status) {
          case EXPIRED ->
              problem(
                  HttpStatus.GONE,
                  "survey-expired",
                  "The survey has expired",
                  "This survey's link has expired and takes no more answers.");
          case ANSWERED ->
              problem(
                  HttpStatus.CONFLICT,
                  "survey-answered",
                  "The survey is answered already",
                  "This survey has its answer already; a survey takes one answer.");
          case OPTED_OUT ->
              problem(
                  HttpStatus.CONFLICT,
                  "survey-opted-out",
                  "The customer opted out",
                  "The customer asked for no more surveys; this one takes no answer.");
          case SENT ->
              throw new IllegalStateException("an open survey refused an answer; this is a bug");
        };
    reply.getBody().setProperty("status", status.key());
    return reply;
  }

  @PostMapping("/api/v1/surveys/{token}/opt-out")
  @SecurityRequirements
  ResponseEntity<?> optOut(@PathVariable String token) {
    return surveys
        .optOut(token)
        .<ResponseEntity<?>>map(s -> ResponseEntity.ok(Map.of("opted_out", true)))
        .orElseGet(SurveyController::unknown);
  }

  private static Map<String, Object> view(io.servicebook.server.cases.CaseSurveys.SurveySummary s) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("kind", s.kind());
    view.put("token", s.token());
    view.put("url", s.url());
    view.put("status", s.status());
    view.put("sent_at", s.sentAt().toString());
    view.put("expires_at", s.expiresAt().toString());
    return view;
  }

  /** A JSON number without a fraction that fits an int; empty for anything else. */
  private static Optional<Integer> whole(Object value) {
    if (value instanceof Integer i) {
      return Optional.of(i);
    }
    if (value instanceof Long || value instanceof BigInteger || value instanceof BigDecimal) {
      try {
        return Optional.of(new BigDecimal(value.toString()).intValueExact());
      } catch (ArithmeticException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static ResponseEntity<ProblemDetail> unknown() {
    return problem(
        HttpStatus.NOT_FOUND,
        "survey-not-found",
        "Survey not found",
        "No survey has this token; check the link.");
  }

  private static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, String type, String title, String detail) {
    return ResponseEntity.status(status).body(Problems.of(status, type, title, detail));
  }

  private static ResponseEntity<ProblemDetail> invalidAnswer(String field, String message) {
    return invalid(
        "invalid-survey-response",
        "The answer is not valid",
        field,
        message,
        "Nothing was stored; the survey still takes an answer.");
  }

  /** A 400 naming the field; the detail is the message as a sentence, then {@code after}. */
  private static ResponseEntity<ProblemDetail> invalid(
      String type, String title, String field, String message, String after) {
    String sentence = Character.toUpperCase(message.charAt(0)) + message.substring(1) + ". ";
    ResponseEntity<ProblemDetail> reply =
        problem(HttpStatus.BAD_REQUEST, type, title, sentence + after);
    reply.getBody().setProperty("errors", List.of(Map.of("field", field, "message", message)));
    return reply;
  }
}
