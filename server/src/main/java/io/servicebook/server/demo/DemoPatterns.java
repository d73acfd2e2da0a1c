package io.servicebook.server.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Text of the shape a field's {@code pattern} asks for ({@code ^INV-[0-9]{6,10}$} gives {@code
 * INV-48213907}), for demo fields whose name gives no better idea. Knows the plain patterns
 * protocols use: literals, character classes with ranges, {@code \d \w \S \p{L}}, and the
 * quantifiers {@code ? * + {n} {n,m}}; a pattern with groups or alternatives gives nothing.
 */
final class DemoPatterns {

  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";
  private static final String DIGITS = "0123456789";
  private static final String WORD = LETTERS + LETTERS.toUpperCase() + DIGITS + "_";

  /** How many times an open quantifier ({@code * + {n,}}) repeats at most beyond its minimum. */
  private static final int OPEN_REPEATS = 8;

  private DemoPatterns() {}

  /** A text of the pattern's shape; empty when the pattern is beyond this sampler. */
  static Optional<String> sample(String pattern, RandomGenerator random) {
    try {
      return shaped(pattern, random);
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      // a brace that is no quantifier, say: a shape this sampler does not read
      return Optional.empty();
    }
  }

  private static Optional<String> shaped(String pattern, RandomGenerator random) {
    StringBuilder text = new StringBuilder();
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      if (c == '^' || c == '$') {
        i++;
        continue;
      }
      if ("()|.".indexOf(c) >= 0) {
        return Optional.empty();
      }
      int end = atomEnd(pattern, i);
      if (end < 0) {
        return Optional.empty();
      }
      String choices = choices(pattern.substring(i, end));
      if (choices.isEmpty()) {
        return Optional.empty();
      }
      int[] times = {1, 1};
      i = quantifier(pattern, end, times);
      int count = times[0] + random.nextInt(times[1] - times[0] + 1);
      for (int k = 0; k < count; k++) {
        text.append(choices.charAt(random.nextInt(choices.length())));
      }
    }
    return Optional.of(text.toString());
  }

  /** Where the atom starting at {@code i} (a character, an escape or a class) ends; -1: unknown. */
  private static int atomEnd(String pattern, int i) {
    char c = pattern.charAt(i);
    if (c == '\\') {
      if (i + 1 >= pattern.length()) {
        return -1;
      }
      if (pattern.charAt(i + 1) == 'p') {
        int close = pattern.indexOf('}', i);
        return close < 0 ? -1 : close + 1;
      }
      return i + 2;
    }
    if (c == '[') {
      int k = i + 1;
      while (k < pattern.length() && pattern.charAt(k) != ']') {
        k += pattern.charAt(k) == '\\' ? 2 : 1;
      }
      return k < pattern.length() ? k + 1 : -1;
    }
    return i + 1;
  }

  /** The characters an atom accepts, as a string to pick from; empty: unknown. */
  private static String choices(String atom) {
    if (atom.startsWith("[")) {
      return atom.startsWith("[^") ? "" : classChoices(atom.substring(1, atom.length() - 1));
    }
    return atom.startsWith("\\") ? escaped(atom) : atom;
  }

  private static String escaped(String escape) {
    return switch (escape) {
      case "\\d" -> DIGITS;
      case "\\w" -> WORD;
      case "\\S", "\\p{L}", "\\p{Alpha}" -> LETTERS;
      case "\\s" -> " ";
      default ->
          escape.length() == 2 && !Character.isLetterOrDigit(escape.charAt(1))
              ? escape.substring(1)
              : "";
    };
  }

  private static String classChoices(String inside) {
    List<String> parts = new ArrayList<>();
    int i = 0;
    while (i < inside.length()) {
      int end = atomEnd(inside, i);
      if (end < 0) {
        return "";
      }
      String atom = inside.substring(i, end);
      if (end + 1 < inside.length() && inside.charAt(end) == '-' && !atom.startsWith("\\")) {
        char from = atom.charAt(0);
        char to = inside.charAt(end + 1);
        StringBuilder range = new StringBuilder();
        for (char c = from; c <= to; c++) {
          range.append(c);
        }
        parts.add(range.toString());
        i = end + 2;
      } else {
        String one = atom.startsWith("\\") ? escaped(atom) : atom;
        if (one.isEmpty()) {
          return "";
        }
        parts.add(one);
        i = end;
      }
    }
    return String.join("", parts);
  }

  /** Reads the quantifier at {@code i} into {@code times} (least, most); where it ends. */
  private static int quantifier(String pattern, int i, int[] times) {
    if (i >= pattern.length()) {
      return i;
    }
    switch (pattern.charAt(i)) {
      case '?' -> set(times, 0, 1);
      case '*' -> set(times, 0, OPEN_REPEATS);
      case '+' -> set(times, 1, OPEN_REPEATS);
      case '{' -> {
        int close = pattern.indexOf('}', i);
        String[] bounds = pattern.substring(i + 1, close).split(",", -1);
        int least = Integer.parseInt(bounds[0].strip());
        int most =
            bounds.length == 1
                ? least
                : bounds[1].isBlank() ? least + OPEN_REPEATS : Integer.parseInt(bounds[1].strip());
        set(times, least, Math.min(most, least + OPEN_REPEATS));
        return close + 1;
      }
      default -> {
        return i;
      }
    }
    return i + 1;
  }

  private static void set(int[] times, int least, int most) {
    times[0] = least;
    times[1] = most;
  }
}
