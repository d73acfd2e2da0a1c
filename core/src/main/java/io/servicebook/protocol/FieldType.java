package io.servicebook.protocol;

import java.util.Locale;

/** The kinds of value an agent can capture in a step. */
public enum FieldType {
  STRING,
  TEXT,
  NUMBER,
  INTEGER,
  BOOLEAN,
  DATE,
  DATETIME,
  EMAIL,
  PHONE,
  MONEY,
  ENUM;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether {@code min}/{@code max} bound the value (numbers) rather than its length (text). */
  public boolean isNumeric() {
    return this == NUMBER || this == INTEGER || this == MONEY;
  }
}
