package io.servicebook.condition;

import dev.cel.common.CelIssue;
import dev.cel.common.types.CelType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Rewrites CEL's compiler errors into sentences for a support manager, keeping positions. */
final class Messages {

  private static final Pattern UNDECLARED = Pattern.compile("undeclared reference to '([^']*)'");
  private static final Pattern MISMATCHED =
      Pattern.compile("mismatched input '(.*)' expecting (.*)", Pattern.DOTALL);
  private static final Pattern EXTRANEOUS =
      Pattern.compile("extraneous input '(.*)' expecting (.*)", Pattern.DOTALL);
  private static final Pattern MISSING = Pattern.compile("missing (.*) at '(.*)'", Pattern.DOTALL);
  private static final Pattern TOKEN_RECOGNITION =
      Pattern.compile("token recognition error at: '(.*)'", Pattern.DOTALL);
  private static final Pattern NO_VIABLE =
      Pattern.compile("no viable alternative at input '(.*)'", Pattern.DOTALL);
  private static final Pattern NO_OVERLOAD =
      Pattern.compile(
          "found no matching overload for '([^']*)' applied to '(.*?)'(?: \\(candidates.*)?",
          Pattern.DOTALL);
  private static final Pattern NO_FIELD_SELECTION =
      Pattern.compile("type '([^']*)' does not support field selection");
  private static final Pattern CODE_POINT_LIMIT =
      Pattern.compile("expression code point size exceeds limit.*", Pattern.DOTALL);
  private static final Pattern RECURSION_LIMIT =
      Pattern.compile(".*(recursion depth|Expression node count).*", Pattern.DOTALL);

  private final Variables variables;

  Messages(Variables variables) {
    this.variables = variables;
  }

  List<ConditionProblem> translate(List<CelIssue> issues, SourceText text) {
    Set<ConditionProblem> problems = new LinkedHashSet<>();
    boolean syntaxReported = false;
    for (CelIssue issue : issues) {
      String message = issue.getMessage() == null ? "" : issue.getMessage();
      if (isSyntaxError(message)) {
        // Later syntax errors mostly follow from the first one; they would only confuse.
        if (syntaxReported) {
          continue;
        }
        syntaxReported = true;
      }
      int line = Math.max(1, issue.getSourceLocation().getLine());
      int column = Math.max(0, issue.getSourceLocation().getColumn());
      int offset = text.offsetOf(line, column);
      problems.add(translate(message, offset, text));
    }
    return new ArrayList<>(problems);
  }

  private static boolean isSyntaxError(String message) {
    return MISMATCHED.matcher(message).matches()
        || EXTRANEOUS.matcher(message).matches()
        || MISSING.matcher(message).matches()
        || TOKEN_RECOGNITION.matcher(message).matches()
        || NO_VIABLE.matcher(message).matches();
  }

  private ConditionProblem translate(String raw, int offset, SourceText text) {
    String message = raw == null ? "" : raw.replace(" (in container '')", "").strip();
    Matcher m;
    if ((m = UNDECLARED.matcher(message)).find()) {
      return undeclared(m.group(1), offset, text);
    }
    if ((m = MISMATCHED.matcher(message)).matches()) {
      return at(text, offset, unexpected(m.group(1), m.group(2)));
    }
    if ((m = EXTRANEOUS.matcher(message)).matches()) {
      return at(text, offset, unexpected(m.group(1), m.group(2)));
    }
    if ((m = MISSING.matcher(message)).matches()) {
      String missing = m.group(1).replace("'", "");
      return at(text, offset, "`" + missing + "` is missing here.");
    }
    if ((m = TOKEN_RECOGNITION.matcher(message)).matches()) {
      return at(text, offset, unreadable(m.group(1)));
    }
    if ((m = NO_VIABLE.matcher(message)).matches()) {
      return at(
          text,
          offset,
          "This part of the condition cannot be read: `"
              + shorten(m.group(1))
              + "`."
              + hint(m.group(1)));
    }
    if ((m = NO_OVERLOAD.matcher(message)).matches()) {
      return at(text, offset, noOverload(m.group(1), m.group(2)));
    }
    if ((m = NO_FIELD_SELECTION.matcher(message)).find()) {
      String member = text.identifierAt(text.skipSpaces(text.skipSpaces(offset) + 1));
      return at(
          text,
          offset,
          "`."
              + member
              + "` cannot be used here: "
              + describe(m.group(1))
              + " has no parts to pick from.");
    }
    if (CODE_POINT_LIMIT.matcher(message).matches()) {
      return new ConditionProblem(1, 1, "This condition is too long. " + message + ".", false);
    }
    if (RECURSION_LIMIT.matcher(message).matches()) {
      return at(text, offset, "This condition is nested too deeply to be read: " + message);
    }
    return at(text, offset, message.isEmpty() ? "This condition cannot be read." : message);
  }

  private ConditionProblem undeclared(String name, int offset, SourceText text) {
    int start = text.skipSpaces(offset);
    boolean call = text.at(start) == '(';
    if (call || !text.identifierAt(start).equals(name)) {
      // CEL points at the '(' of an unknown function; move back to its name.
      int nameStart = start;
      while (nameStart > 0 && SourceText.isIdentifierPart(text.at(nameStart - 1))) {
        nameStart--;
      }
      if (!text.identifierAt(nameStart).isEmpty()) {
        start = nameStart;
      }
    }
    if (call) {
      String function = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name;
      return at(
          text,
          start,
          "`"
              + function
              + "` is not a known function. Besides CEL's standard functions (size, matches,"
              + " startsWith, endsWith, contains, timestamp, duration, exists, all, ...), you can"
              + " use days_since and hours_since.");
    }
    String dotted = text.dottedNameAt(start);
    if (dotted.isEmpty()) {
      dotted = name;
    }
    String[] parts = dotted.split("\\.");
    Optional<Variables.Group> group = Variables.Group.byPrefix(parts[0]);
    if (group.isPresent()) {
      Variables.Group g = group.get();
      List<String> known = variables.names(g);
      String listing = known.isEmpty() ? "none" : String.join(", ", known);
      String label = g == Variables.Group.FIELDS ? "Declared fields" : "Known " + g.noun + "s";
      if (parts.length < 2) {
        return at(
            text,
            start,
            "`"
                + parts[0]
                + "` needs a name after it, such as `"
                + parts[0]
                + "."
                + (known.isEmpty() ? "name" : known.get(0))
                + "`. "
                + label
                + ": "
                + listing
                + ".");
      }
      // customer.preferences.langauge: the wrong name is both parts after the group.
      String wrong =
          parts.length > 2 && known.stream().anyMatch(k -> k.startsWith(parts[1] + "."))
              ? parts[1] + "." + parts[2]
              : parts[1];
      return at(
          text,
          start,
          "`"
              + parts[0]
              + "."
              + wrong
              + "` is not a "
              + g.noun
              + "."
              + suggestion(wrong, known)
              + " "
              + label
              + ": "
              + listing
              + ".");
    }
    List<String> all = new ArrayList<>(variables.all().keySet());
    return at(
        text,
        start,
        "`"
            + parts[0]
            + "` is not a known value."
            + suggestion(parts[0], all)
            + " Known values: "
            + String.join(", ", all)
            + ".");
  }

  private static String suggestion(String wrong, List<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int distance = distance(wrong.toLowerCase(), candidate.toLowerCase());
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    if (best != null && bestDistance <= Math.max(2, wrong.length() / 3)) {
      return " Did you mean `" + best + "`?";
    }
    // An abbreviation such as order_nr for order_number: the longest shared beginning, if unique.
    String byPrefix = null;
    int longest = 3;
    boolean unique = false;
    for (String candidate : known) {
      int shared = sharedPrefix(wrong.toLowerCase(), candidate.toLowerCase());
      if (shared > longest) {
        byPrefix = candidate;
        longest = shared;
        unique = true;
      } else if (shared == longest) {
        unique = false;
      }
    }
    return byPrefix != null && unique ? " Did you mean `" + byPrefix + "`?" : "";
  }

  private static int sharedPrefix(String a, String b) {
    int n = 0;
    while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
      n++;
    }
    return n;
  }

  private static int distance(String a, String b) {
    if (a.length() > 64 || b.length() > 64) {
      return Integer.MAX_VALUE;
    }
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static String unexpected(String token, String expected) {
    String wanted = expectation(expected);
    if (token.equals("<EOF>")) {
      return "The condition ends too early: " + wanted + " is expected here.";
    }
    return "Unexpected `" + shorten(token) + "`: " + wanted + " is expected here." + hint(token);
  }

  private static String expectation(String expected) {
    if (expected.contains("IDENTIFIER") || expected.contains("NUM_INT")) {
      return "a value or a name";
    }
    if (expected.contains("'&&'") || expected.contains("'=='")) {
      return "an operator (such as ==, !=, in, &&, ||) or the end of the condition";
    }
    String tokens =
        Pattern.compile("'([^']*)'")
            .matcher(expected)
            .results()
            .map(r -> "`" + r.group(1) + "`")
            .collect(Collectors.joining(" or "));
    return tokens.isEmpty() ? "something else" : tokens;
  }

  private static String unreadable(String token) {
    if (token.startsWith("'") || token.startsWith("\"")) {
      return "A text value is not closed: add the closing quote (" + token.charAt(0) + ").";
    }
    return "`" + shorten(token) + "` cannot be used in a condition." + hint(token);
  }

  private static String hint(String token) {
    String t = token.strip();
    if (t.startsWith("=") && !t.startsWith("==")) {
      return " To compare, write `==` (two equals signs).";
    }
    if (t.equalsIgnoreCase("and")) {
      return " Write `&&` for \"and\".";
    }
    if (t.equalsIgnoreCase("or")) {
      return " Write `||` for \"or\".";
    }
    if (t.equalsIgnoreCase("not")) {
      return " Write `!` for \"not\".";
    }
    return "";
  }

  private static String noOverload(String function, String argumentTypes) {
    String operator =
        switch (function) {
          case "_==_" -> "==";
          case "_!=_" -> "!=";
          case "_<_" -> "<";
          case "_<=_" -> "<=";
          case "_>_" -> ">";
          case "_>=_" -> ">=";
          case "_+_" -> "+";
          case "_-_" -> "-";
          case "_*_" -> "*";
          case "_/_" -> "/";
          case "_%_" -> "%";
          case "_&&_" -> "&&";
          case "_||_" -> "||";
          case "!_" -> "!";
          case "-_" -> "-";
          case "@in" -> "in";
          case "_[_]" -> "[ ]";
          case "_?_:_" -> "? :";
          default -> function;
        };
    List<String> types = splitTypes(argumentTypes);
    if (operator.equals("in") && types.size() == 2 && !types.get(1).startsWith("list")) {
      return "`in` needs a list on its right, e.g. case.category in [\"return\", \"refund\"].";
    }
    String described = types.stream().map(Messages::describe).collect(Collectors.joining(" and "));
    return "`"
        + operator
        + "` cannot be used with "
        + (described.isEmpty() ? "these values" : described)
        + ".";
  }

  /** Splits CEL's "(double, string)" or "string.(int)" into type names. */
  private static List<String> splitTypes(String types) {
    List<String> result = new ArrayList<>();
    String rest = types.strip();
    int receiverEnd = rest.indexOf(".(");
    if (receiverEnd > 0) {
      result.add(rest.substring(0, receiverEnd));
      rest = rest.substring(receiverEnd + 1);
    }
    if (rest.startsWith("(") && rest.endsWith(")")) {
      rest = rest.substring(1, rest.length() - 1);
    }
    int depth = 0;
    StringBuilder current = new StringBuilder();
    for (char c : rest.toCharArray()) {
      if (c == ',' && depth == 0) {
        addType(current, result);
        continue;
      }
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      current.append(c);
    }
    addType(current, result);
    return result;
  }

  private static void addType(StringBuilder current, List<String> into) {
    String type = current.toString().strip();
    if (!type.isEmpty()) {
      into.add(type);
    }
    current.setLength(0);
  }

  static String describe(String celType) {
    String t = celType.strip();
    if (t.startsWith("list(")) {
      return "a list";
    }
    if (t.startsWith("map(")) {
      return "a map";
    }
    return switch (t) {
      case "string" -> "text";
      case "int", "uint" -> "a whole number";
      case "double" -> "a number";
      case "bool" -> "true/false";
      case "google.protobuf.Timestamp", "timestamp" -> "a date/time";
      case "google.protobuf.Duration", "duration" -> "a duration";
      case "null_type" -> "null";
      case "list" -> "a list";
      case "map" -> "a map";
      case "bytes" -> "bytes";
      default -> "a value of type " + t;
    };
  }

  static String describe(CelType type) {
    return describe(type.name());
  }

  private static String shorten(String token) {
    String t = token.replace("\n", " ").strip();
    return t.length() > 40 ? t.substring(0, 40) + "…" : t;
  }

  private static ConditionProblem at(SourceText text, int offset, String message) {
    int[] position = text.lineAndColumn(offset);
    return new ConditionProblem(position[0], position[1], message, false);
  }
}
