package io.servicebook.server.runs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the JSON bodies of the run API into values. Plain functions of the body as Jackson read it,
 * so that they can be fuzzed without HTTP; they never throw for any body.
 */
final class RunRequests {

  private RunRequests() {}

  /** The captured values (as text, checked later against the fields' types) and the choice. */
  record Submission(Map<String, String> fields, Optional<String> choice) {}

  static Submission submission(Map<String, Object> body) {
    Map<String, Object> request = body == null ? Map.of() : body;
    Map<String, String> fields = new LinkedHashMap<>();
    if (request.get("fields") instanceof Map<?, ?> given) {
      given.forEach(
          (name, value) -> {
            if (value != null) {
              fields.put(String.valueOf(name), String.valueOf(value));
            }
          });
    }
    Optional<String> choice =
        request.get("choice") instanceof String text && !text.isBlank()
            ? Optional.of(text)
            : Optional.empty();
    return new Submission(fields, choice);
  }

  /** Why a step is skipped; empty when the body gives no reason (the run then refuses). */
  static String skipReason(Map<String, Object> body) {
    return body != null && body.get("reason") instanceof String text ? text.strip() : "";
  }

  /**
   * A text member of a request body; a required one that is missing or blank, or one that is not
   * text, is an error naming it.
   */
  static Optional<String> text(
      Map<String, Object> body,
      String name,
      boolean required,
      String what,
      List<Map<String, Object>> errors) {
    Object value = body == null ? null : body.get(name);
    if (value instanceof String text && !text.isBlank()) {
      return Optional.of(text.strip());
    }
    if (value != null || required) {
      errors.add(
          Map.of(
              "field",
              name,
              "message",
              required ? "is required: say " + what + "." : "must be non-blank text when given."));
    }
    return Optional.empty();
  }
}
