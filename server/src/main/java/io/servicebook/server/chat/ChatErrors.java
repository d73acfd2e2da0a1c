package io.servicebook.server.chat;

import io.servicebook.server.web.Problems;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** The chat API's refusals, each a problem+json with a stable type. */
final class ChatErrors {

  private ChatErrors() {}

  /** A field that needs fixing: {@code field} is its name in the request, such as email. */
  record FieldError(String field, String message) {}

  /** The request has fields that need fixing; nothing was stored. */
  static final class Invalid extends ErrorResponseException {
    private static final long serialVersionUID = 1L;

    Invalid(List<FieldError> errors) {
      super(
          HttpStatus.BAD_REQUEST,
          Problems.of(
              HttpStatus.BAD_REQUEST,
              "invalid-chat",
              "The chat request is not valid",
              errors.size() + " field(s) need fixing; nothing was stored."),
          null);
      getBody()
          .setProperty(
              "errors",
              errors.stream()
                  .map(e -> Map.of("field", e.field(), "message", e.message()))
                  .toList());
    }
  }

  /** No chat with this id, or the secret does not open it: the same answer for both. */
  static final class NotFound extends ErrorResponseException {
    private static final long serialVersionUID = 1L;

    NotFound() {
      super(
          HttpStatus.NOT_FOUND,
          Problems.of(
              HttpStatus.NOT_FOUND,
              "chat-not-found",
              "Chat not found",
              "There is no such chat, or its secret (the X-Chat-Secret header) does not open it;"
                  + " start a new chat."),
          null);
    }
  }

  /** The chat's case is closed: a new chat starts a new case. */
  static final class Closed extends ErrorResponseException {
    private static final long serialVersionUID = 1L;

    Closed() {
      super(
          HttpStatus.CONFLICT,
          Problems.of(
              HttpStatus.CONFLICT,
              "chat-closed",
              "The chat is closed",
              "This chat's case is closed and takes no more messages; start a new chat."),
          null);
    }
  }

  /** Too many requests from one address. */
  static final class TooMany extends ErrorResponseException {
    private static final long serialVersionUID = 1L;

    TooMany(long retryAfterSeconds) {
      super(
          HttpStatus.TOO_MANY_REQUESTS,
          Problems.of(
              HttpStatus.TOO_MANY_REQUESTS,
              "chat-rate-limited",
              "Too many chat requests",
              "This address sent too many chat requests; try again in "
                  + retryAfterSeconds
                  + " seconds."),
          null);
      getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
    }
  }
}
