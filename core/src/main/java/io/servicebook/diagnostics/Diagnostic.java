package io.servicebook.diagnostics;

import java.util.Comparator;
import java.util.Objects;

/**
 * One problem found in a file: where it is, how bad, which rule found it, what is wrong and how to
 * fix it, in words a support manager understands.
 */
public record Diagnostic(
    String file, Position position, Severity severity, String rule, String message, String hint) {

  /** File order, then line, then column: the order a person reads a report in. */
  public static final Comparator<Diagnostic> READING_ORDER =
      Comparator.comparing(Diagnostic::file)
          .thenComparingInt(d -> d.position().line())
          .thenComparingInt(d -> d.position().column())
          .thenComparing(Diagnostic::rule);

  public Diagnostic {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
    hint = hint == null ? "" : hint;
  }

  public int line() {
    return position.line();
  }

  public int column() {
    return position.column();
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code file:line:column: severity: message [rule]}, the form compilers and editors use. */
  @Override
  public String toString() {
    return file + ":" + position + ": " + severity.label() + ": " + message + " [" + rule + "]";
  }
}
