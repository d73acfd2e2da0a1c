package io.servicebook.server.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Problem details (RFC 9457) with a stable {@code type} per kind of error, so clients can branch on
 * the type rather than on the wording.
 */
public final class Problems {

  public static final String BASE = "https://servicebook.dev/problems/";

  /** The type of the answer while the database cannot be reached (503 with Retry-After). */
  public static final String DATABASE_UNAVAILABLE = "database-unavailable";

  private Problems() {}

  public static ProblemDetail of(HttpStatus status, String type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(BASE + type));
    problem.setTitle(title);
    return problem;
  }

  /**
   * The stable type of an error the framework or the web server answers by its status alone (no
   * endpoint, wrong method, body too large …), such as {@code not-found}.
   */
  public static String typeOf(HttpStatusCode status) {
    return switch (status.value()) {
      case 400 -> "bad-request";
      case 401 -> "unauthenticated";
      case 403 -> "forbidden";
      case 404 -> "not-found";
      case 405 -> "method-not-allowed";
      case 406 -> "not-acceptable";
      case 408 -> "request-timeout";
      case 413 -> "payload-too-large";
      case 414 -> "uri-too-long";
      case 415 -> "unsupported-media-type";
      case 431 -> "request-header-too-large";
      case 500 -> "internal-error";
      case 501 -> "not-implemented";
      case 503 -> "service-unavailable";
      default -> "http-" + status.value();
    };
  }

  /** The problem for an error known only by its status: its stable type and reason phrase. */
  public static ProblemDetail ofStatus(HttpStatusCode code, String detail) {
    HttpStatus status = HttpStatus.resolve(code.value());
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(code, detail);
    problem.setType(URI.create(BASE + typeOf(code)));
    problem.setTitle(status == null ? "Error " + code.value() : status.getReasonPhrase());
    return problem;
  }

  /** The database cannot be reached: try again after {@link DatabaseOutage#RETRY_AFTER}. */
  static ProblemDetail databaseUnavailable() {
    return of(
        HttpStatus.SERVICE_UNAVAILABLE,
        DATABASE_UNAVAILABLE,
        "The database is unavailable",
        "The server cannot reach its database just now. Repeat the request in "
            + DatabaseOutage.RETRY_AFTER.toSeconds()
            + " seconds (a new case with the same Idempotency-Key, so it is not opened twice).");
  }
}
