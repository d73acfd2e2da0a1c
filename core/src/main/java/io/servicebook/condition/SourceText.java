package io.servicebook.condition;

/** An expression's text as code points (CEL counts columns and offsets in code points). */
final class SourceText {

  private final int[] codePoints;

  SourceText(String text) {
    this.codePoints = text.codePoints().toArray();
  }

  int length() {
    return codePoints.length;
  }

  int at(int offset) {
    return offset >= 0 && offset < codePoints.length ? codePoints[offset] : -1;
  }

  /** The code point offset of a CEL location (line 1-based, column 0-based), clamped. */
  int offsetOf(int line, int column) {
    int offset = 0;
    int currentLine = 1;
    while (currentLine < line && offset < codePoints.length) {
      if (codePoints[offset++] == '\n') {
        currentLine++;
      }
    }
    return Math.max(0, Math.min(codePoints.length, offset + Math.max(0, column)));
  }

  /** A 1-based {line, column} for a code point offset. */
  int[] lineAndColumn(int offset) {
    int line = 1;
    int column = 1;
    int end = Math.max(0, Math.min(offset, codePoints.length));
    for (int i = 0; i < end; i++) {
      if (codePoints[i] == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new int[] {line, column};
  }

  static boolean isIdentifierStart(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  static boolean isIdentifierPart(int c) {
    return isIdentifierStart(c) || (c >= '0' && c <= '9');
  }

  /** The identifier starting at offset, or "" if there is none. */
  String identifierAt(int offset) {
    if (!isIdentifierStart(at(offset))) {
      return "";
    }
    int end = offset;
    while (isIdentifierPart(at(end))) {
      end++;
    }
    return new String(codePoints, offset, end - offset);
  }

  /**
   * The dotted name starting at offset ({@code customer.shoe_size}), allowing spaces around dots,
   * normalised without spaces; "" if there is none.
   */
  String dottedNameAt(int offset) {
    StringBuilder name = new StringBuilder();
    int pos = offset;
    String part = identifierAt(pos);
    while (!part.isEmpty()) {
      name.append(part);
      pos += part.length();
      int next = skipSpaces(pos);
      if (at(next) != '.') {
        break;
      }
      int afterDot = skipSpaces(next + 1);
      part = identifierAt(afterDot);
      if (part.isEmpty()) {
        break;
      }
      name.append('.');
      pos = afterDot;
    }
    return name.toString();
  }

  int skipSpaces(int offset) {
    int pos = offset;
    while (Character.isWhitespace(at(pos))) {
      pos++;
    }
    return pos;
  }
}
