package io.servicebook.protocol;

import java.util.Locale;

/** How urgent a case is; SLA targets may differ per priority. */
public enum Priority {
  LOW,
  NORMAL,
  HIGH,
  URGENT;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
