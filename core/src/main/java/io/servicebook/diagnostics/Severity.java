package io.servicebook.diagnostics;

import java.util.Locale;

/** How bad a problem is: errors stop a protocol from being published, warnings do not. */
public enum Severity {
  ERROR,
  WARNING,
  INFO;

  /** The lower-case word used in reports: {@code error}, {@code warning}, {@code info}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
