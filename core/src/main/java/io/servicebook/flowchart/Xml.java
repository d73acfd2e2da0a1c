package io.servicebook.flowchart;

import java.util.Locale;

/** Escaping and number formatting shared by the SVG and HTML writers. */
final class Xml {

  private Xml() {}

  /** Escapes text for XML/HTML content and attribute values; drops characters XML forbids. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          boolean allowed =
              c == 0x9
                  || c == 0xA
                  || c == 0xD
                  || (c >= 0x20 && c <= 0xD7FF)
                  || (c >= 0xE000 && c <= 0xFFFD)
                  || c >= 0x10000;
          if (allowed) {
            out.appendCodePoint(c);
          } else {
            out.append('\uFFFD');
          }
        }
      }
    }
    return out.toString();
  }

  /** A coordinate with at most one decimal, never in scientific or locale-specific form. */
  static String num(double value) {
    double rounded = Math.round(value * 10) / 10.0;
    if (rounded == Math.rint(rounded)) {
      return Long.toString((long) rounded);
    }
    return String.format(Locale.ROOT, "%.1f", rounded);
  }

  /** Letters, digits, dash and underscore only, for ids; never empty. */
  static String idPart(String text) {
    String cleaned = text.replaceAll("[^A-Za-z0-9_-]", "_");
    return cleaned.isEmpty() ? "_" : cleaned;
  }
}
