package io.servicebook.server.web;

import java.util.List;

/**
 * A request whose fields are wrong, every one of them listed by its JSON path with what is
 * accepted; the API answers it as a 400 problem with an {@code errors} list, and nothing is stored.
 */
public class InvalidRequest extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A field of the body, by its dotted path such as {@code from.phone}, and what is wrong. */
  public record FieldError(String field, String message) {}

  private final String type;
  private final String title;
  private final transient List<FieldError> errors;

  public InvalidRequest(String type, String title, List<FieldError> errors) {
    super(title + ": " + errors);
    this.type = type;
    this.title = title;
    this.errors = List.copyOf(errors);
  }

  String type() {
    return type;
  }

  String title() {
    return title;
  }

  public List<FieldError> errors() {
    return errors;
  }
}
