package io.servicebook.diagnostics;

import java.util.Objects;

/**
 * A check the toolkit makes, with the explanation {@code servicebook explain RULE} prints: what it
 * looks for, why it matters to customers, and how to fix it.
 */
public record Rule(
    String id, Severity severity, Category category, String title, String why, String fix) {

  /** Whether a rule checks that a file is well-formed, or lints a well-formed protocol. */
  public enum Category {
    /** The file cannot be used as written: wrong shape, wrong value, broken reference. */
    FORMAT,
    /** The file works, but makes a known mistake of service protocols. */
    LINT
  }

  public Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(why, "why");
    Objects.requireNonNull(fix, "fix");
    if (!id.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("rule id must be kebab-case: " + id);
    }
  }

  /** A diagnostic of this rule at the given place, with the rule's fix as hint unless given. */
  public Diagnostic at(String file, Position position, String message, String hint) {
    return new Diagnostic(
        file, position, severity, id, message, hint == null || hint.isBlank() ? fix : hint);
  }

  public Diagnostic at(String file, Position position, String message) {
    return at(file, position, message, null);
  }
}
