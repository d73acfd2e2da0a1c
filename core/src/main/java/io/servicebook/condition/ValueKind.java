package io.servicebook.condition;

/** The kind of value a protocol field holds, and so the CEL type of {@code fields.NAME}. */
public enum ValueKind {
  /** CEL {@code string}. */
  TEXT,
  /** CEL {@code double}. */
  NUMBER,
  /** CEL {@code int}. */
  INTEGER,
  /** CEL {@code bool}. */
  BOOLEAN,
  /** CEL {@code timestamp}, midnight UTC of the date. */
  DATE,
  /** CEL {@code timestamp}. */
  DATETIME
}
