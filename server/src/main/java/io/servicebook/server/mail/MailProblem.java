package io.servicebook.server.mail;

import io.servicebook.server.web.Problems;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A refused request of the mail API, answered as problem+json by the one error advice: each kind
 * has its stable type.
 */
final class MailProblem extends ErrorResponseException {

  private static final long serialVersionUID = 1L;

  private MailProblem(HttpStatus status, ProblemDetail problem) {
    super(status, problem, null);
  }

  static MailProblem invalid(List<MailboxRequest.FieldError> errors) {
    ProblemDetail problem =
        Problems.of(
            HttpStatus.BAD_REQUEST,
            "invalid-mailbox",
            "The mailbox is not valid",
            errors.size()
                + " field(s) need fixing: "
                + String.join(
                    " ", errors.stream().map(e -> "`" + e.field() + "` " + e.message()).toList()));
    problem.setProperty(
        "errors",
        errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
    return new MailProblem(HttpStatus.BAD_REQUEST, problem);
  }

  static MailProblem notFound(String what, String id) {
    return new MailProblem(
        HttpStatus.NOT_FOUND,
        Problems.of(
            HttpStatus.NOT_FOUND,
            what + "-not-found",
            "No such " + what.replace('-', ' '),
            "There is no " + what.replace('-', ' ') + " “" + id + "”."));
  }

  static MailProblem conflict(String detail, String type) {
    return new MailProblem(
        HttpStatus.CONFLICT, Problems.of(HttpStatus.CONFLICT, type, "Conflict", detail));
  }
}
