package io.servicebook.server.web;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns the typed errors of the API's controllers into problem+json, in one place: a database that
 * cannot be reached (503 with {@code Retry-After}), a time parameter out of bounds, and the
 * framework's own errors (unreadable body, wrong type, missing parameter, method, media type), each
 * with a stable {@code type}. A controller's own {@code @ExceptionHandler} still wins for the
 * errors it knows; what no handler takes reaches {@link ServerErrors}.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiErrors extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  @ExceptionHandler({DataAccessException.class, TransactionException.class})
  ResponseEntity<ProblemDetail> database(RuntimeException failure) {
    if (!DatabaseOutage.causes(failure)) {
      throw failure; // a bug, not an outage: the container's error handling answers 500
    }
    log.warn("The database is unavailable: {}", failure.toString());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseOutage.RETRY_AFTER.toSeconds()))
        .body(Problems.databaseUnavailable());
  }

  @ExceptionHandler(InvalidRequest.class)
  ResponseEntity<ProblemDetail> invalidRequest(InvalidRequest invalid) {
    ProblemDetail problem =
        Problems.of(
            HttpStatus.BAD_REQUEST,
            invalid.type(),
            invalid.title(),
            invalid.errors().size() + " field(s) need fixing; nothing was stored.");
    problem.setProperty(
        "errors",
        invalid.errors().stream()
            .map(e -> Map.of("field", e.field(), "message", e.message()))
            .toList());
    return ResponseEntity.badRequest().body(problem);
  }

  @ExceptionHandler(TimeInput.Invalid.class)
  ResponseEntity<ProblemDetail> time(TimeInput.Invalid invalid) {
    ProblemDetail problem =
        Problems.of(
            HttpStatus.BAD_REQUEST,
            "invalid-parameter",
            "A parameter is not valid",
            "`" + invalid.field() + "` " + invalid.getMessage());
    problem.setProperty(
        "errors", List.of(Map.of("field", invalid.field(), "message", invalid.getMessage())));
    return ResponseEntity.badRequest().body(problem);
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ProblemDetail problem =
        Problems.of(
            HttpStatus.BAD_REQUEST,
            "unreadable-body",
            "The request body is not readable",
            "The body is missing or is not well-formed JSON of the expected shape.");
    return handleExceptionInternal(ex, problem, headers, status, request);
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String name = ex.getPropertyName() == null ? "a parameter" : "`" + ex.getPropertyName() + "`";
    ProblemDetail problem =
        Problems.of(
            HttpStatus.BAD_REQUEST,
            "invalid-parameter",
            "A parameter is not valid",
            name + " has a value of the wrong kind (“" + ex.getValue() + "”).");
    if (ex.getPropertyName() != null) {
      problem.setProperty(
          "errors",
          List.of(
              Map.of("field", ex.getPropertyName(), "message", "has a value of the wrong kind.")));
    }
    return handleExceptionInternal(ex, problem, headers, status, request);
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleMissingServletRequestParameter(
      MissingServletRequestParameterException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ProblemDetail problem =
        Problems.of(
            HttpStatus.BAD_REQUEST,
            "missing-parameter",
            "A parameter is missing",
            "`" + ex.getParameterName() + "` is required.");
    problem.setProperty(
        "errors", List.of(Map.of("field", ex.getParameterName(), "message", "is required.")));
    return handleExceptionInternal(ex, problem, headers, status, request);
  }

  /** The framework's other errors keep their detail and get the stable type of their status. */
  @Override
  protected ResponseEntity<Object> createResponseEntity(
      @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (body instanceof ProblemDetail problem
        && "about:blank".equals(problem.getType().toString())) {
      problem.setType(java.net.URI.create(Problems.BASE + Problems.typeOf(status)));
    }
    return super.createResponseEntity(body, headers, status, request);
  }
}
