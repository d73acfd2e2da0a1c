package io.servicebook.diagnostics;

/** A place in a file: 1-based line and column, as editors count them. */
public record Position(int line, int column) {

  public static final Position START = new Position(1, 1);

  public Position {
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException(
          "line and column start at 1, got " + line + ":" + column + " (a bug in the caller)");
    }
  }

  /** The position {@code columns} characters further right on the same line. */
  public Position plusColumns(int columns) {
    return new Position(line, column + columns);
  }

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
