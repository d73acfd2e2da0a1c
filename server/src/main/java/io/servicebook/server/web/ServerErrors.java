package io.servicebook.server.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.json.JsonMapper;

/**
 * The error page of the whole server ({@code /error}), where the web server sends whatever no
 * controller answered: an exception out of a filter or a page, a 404, a refused CSRF token. Under
 * {@code /api} it answers problem+json, elsewhere the console's error page; a database that cannot
 * be reached is a 503 with {@code Retry-After} on both. Never a stack trace or the framework's
 * default body.
 */
@Controller
class ServerErrors implements ErrorController {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @RequestMapping("${server.error.path:/error}")
  Object error(HttpServletRequest request, HttpServletResponse response) {
    Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    boolean outage =
        request.getAttribute(DatabaseOutageFilter.OUTAGE) != null
            || (failure != null && DatabaseOutage.causes(failure));
    HttpStatusCode status = outage ? HttpStatus.SERVICE_UNAVAILABLE : statusOf(request);
    if (outage) {
      response.setHeader(
          HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseOutage.RETRY_AFTER.toSeconds()));
    }
    String path = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
    if (isApi(path)) {
      ProblemDetail problem =
          outage
              ? Problems.databaseUnavailable()
              : Problems.ofStatus(status, detail(status.value()));
      problem.setInstance(java.net.URI.create(path.replaceAll("[^A-Za-z0-9/._~%-]", "")));
      return ResponseEntity.status(status)
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(JSON.writeValueAsString(problem(problem)));
    }
    ModelAndView page =
        new ModelAndView("error/" + template(status.value()), Map.of("status", status.value()));
    page.setStatus(status);
    return page;
  }

  /** Whether a path belongs to the API, whose clients read problem+json. */
  static boolean isApi(String path) {
    return path != null && (path.equals("/api") || path.startsWith("/api/"));
  }

  /** The status the container set; the failure itself was logged by the container already. */
  private static HttpStatusCode statusOf(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : 500;
    if (status < 400) {
      status = 500;
    }
    return HttpStatusCode.valueOf(status);
  }

  /** A sentence per status; never the exception's message, which may show internals. */
  static String detail(int status) {
    return switch (status) {
      case 400 -> "The request is not well-formed.";
      case 401 -> "Send an API token as `Authorization: Bearer TOKEN`.";
      case 403 -> "You may not do this.";
      case 404 -> "There is no endpoint at this path.";
      case 405 -> "This endpoint does not take this method.";
      case 406 -> "This endpoint cannot answer in the media type asked for (Accept).";
      case 413 -> "The request body is larger than this endpoint accepts.";
      case 415 -> "This endpoint does not read the body's Content-Type; send application/json.";
      case 431 -> "The request headers are larger than the server accepts.";
      default ->
          status >= 500
              ? "The server failed to answer; the error was logged. Try again later."
              : "The request was not accepted.";
    };
  }

  /** The members of RFC 9457 in order, and any extension properties after them. */
  static Map<String, Object> problem(ProblemDetail problem) {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("type", problem.getType().toString());
    body.put("title", problem.getTitle());
    body.put("status", problem.getStatus());
    body.put("detail", problem.getDetail());
    if (problem.getInstance() != null) {
      body.put("instance", problem.getInstance().toString());
    }
    if (problem.getProperties() != null) {
      body.putAll(problem.getProperties());
    }
    return body;
  }

  private static String template(int status) {
    return switch (status) {
      case 403, 404, 503 -> String.valueOf(status);
      default -> status >= 500 ? "5xx" : "4xx";
    };
  }
}
