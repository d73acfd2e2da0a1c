package io.servicebook.document;

import java.util.Locale;

/** Turns the YAML library's terse syntax errors into sentences a protocol author understands. */
final class SyntaxMessages {

  private SyntaxMessages() {}

  static String explain(String context, String problem) {
    String p = problem.toLowerCase(Locale.ROOT);
    if (p.contains("mapping values are not allowed")) {
      return "a colon where it cannot be. If the value contains \": \", put it in quotes.";
    }
    if (p.contains("found character '\\t'") || p.contains("tab")) {
      return "a tab character. YAML indents with spaces only.";
    }
    if (p.contains("could not find expected ':'")) {
      return "a key without a colon after it (write `key: value`).";
    }
    if (p.contains("expected <block end>")) {
      return "the indentation does not line up with the lines above. Indent items of the same"
          + " list or map by the same number of spaces.";
    }
    if (p.contains("found unexpected end of stream") || p.contains("unexpected end")) {
      return "the file ends inside a value. A quote or bracket was opened and never closed.";
    }
    if (p.contains("found undefined alias") || p.contains("found undefined anchor")) {
      return "an alias (*name) that points at no anchor (&name).";
    }
    if (p.contains("number of aliases")) {
      return "too many aliases; this looks like a document built to exhaust the reader.";
    }
    if (p.contains("found duplicate key") || p.contains("duplicate key")) {
      return "the same key twice.";
    }
    String detail = problem.isBlank() ? context : problem;
    return detail.isBlank() ? "the text cannot be read as YAML." : detail + ".";
  }
}
