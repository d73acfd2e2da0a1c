package io.servicebook.script;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a script template into its tags, with positions, and finds syntax errors.
 *
 * <p>The grammar is the subset of Mustache that scripts may use: variables {@code {{name}}} (also
 * {@code {{{name}}}} and {@code {{&name}}}, identical because scripts are never escaped), sections
 * {@code {{#name}}}, inverted sections {@code {{^name}}}, closing tags, partials {@code {{> name}}}
 * and comments, plus the fallback form {@code {{name | default: "text"}}}. Delimiter changes and
 * template inheritance are refused so that JMustache reads the text exactly as this parser does.
 */
final class ScriptParser {

  enum Kind {
    VARIABLE,
    SECTION,
    INVERTED,
    CLOSE,
    PARTIAL,
    COMMENT
  }

  /**
   * A tag of the template. {@code start} and {@code end} delimit the tag in the text; {@code
   * fallback} is the already unescaped fallback text, or null when the tag has none.
   */
  record Tag(
      Kind kind, String name, @Nullable String fallback, int start, int end, int line, int column) {

    String display() {
      return switch (kind) {
        case VARIABLE, COMMENT -> "{{" + name + "}}";
        case SECTION -> "{{#" + name + "}}";
        case INVERTED -> "{{^" + name + "}}";
        case CLOSE -> "{{/" + name + "}}";
        case PARTIAL -> "{{> " + name + "}}";
      };
    }
  }

  record Parsed(List<Tag> tags, List<ScriptProblem> syntaxProblems) {
    boolean ok() {
      return syntaxProblems.isEmpty();
    }
  }

  private static final String FALLBACK_FORM = "`{{name | default: \"text\"}}`";

  private final String text;
  private final int[] lineStarts;
  private final List<Tag> tags = new ArrayList<>();
  private final List<ScriptProblem> problems = new ArrayList<>();

  private ScriptParser(String text) {
    this.text = text;
    this.lineStarts = lineStarts(text);
  }

  static Parsed parse(String text) {
    ScriptParser parser = new ScriptParser(text);
    parser.run();
    return new Parsed(List.copyOf(parser.tags), List.copyOf(parser.problems));
  }

  private void run() {
    int from = 0;
    while (true) {
      int open = text.indexOf("{{", from);
      if (open < 0) {
        break;
      }
      if (text.startsWith("{{!", open)) {
        int close = text.indexOf("}}", open + 3);
        if (close < 0) {
          syntax(
              open, "The comment opened " + where(open) + " is never closed: add `}}` after it.");
          break;
        }
        add(Kind.COMMENT, text.substring(open + 3, close), null, open, close + 2);
        from = close + 2;
        continue;
      }
      boolean triple = text.startsWith("{{{", open);
      int bodyStart = open + (triple ? 3 : 2);
      int close = text.indexOf("}}", bodyStart);
      int nested = text.indexOf("{{", bodyStart);
      if (close < 0 || (nested >= 0 && nested < close)) {
        syntax(
            open,
            "The placeholder opened " + where(open) + " is never closed: add `}}` after its name.");
        if (close < 0) {
          break;
        }
        from = nested;
        continue;
      }
      String body = text.substring(bodyStart, close);
      if (triple) {
        if (close + 2 >= text.length() || text.charAt(close + 2) != '}') {
          syntax(
              open,
              "The placeholder opened "
                  + where(open)
                  + " starts with `{{{` but does not end with `}}}`.");
          from = close + 2;
          continue;
        }
        readPlainName(Kind.VARIABLE, body.trim(), open, close + 3, "{{{");
        from = close + 3;
        continue;
      }
      readTag(body, open, close + 2);
      from = close + 2;
    }
    checkSections();
  }

  private void readTag(String body, int start, int end) {
    String trimmed = body.trim();
    if (trimmed.isEmpty()) {
      syntax(
          start,
          "The placeholder " + where(start) + " is empty: write a name between `{{` and `}}`.");
      return;
    }
    char sigil = trimmed.charAt(0);
    String rest = trimmed.substring(1).trim();
    switch (sigil) {
      case '#' -> readPlainName(Kind.SECTION, rest, start, end, "{{#");
      case '^' -> readPlainName(Kind.INVERTED, rest, start, end, "{{^");
      case '/' -> readPlainName(Kind.CLOSE, rest, start, end, "{{/");
      case '>' -> readPlainName(Kind.PARTIAL, rest, start, end, "{{>");
      case '&' -> readPlainName(Kind.VARIABLE, rest, start, end, "{{&");
      case '!' -> add(Kind.COMMENT, rest, null, start, end);
      case '=' ->
          syntax(
              start,
              "Changing the `{{ }}` delimiters ("
                  + where(start)
                  + ") is not supported in scripts.");
      case '<', '$' ->
          syntax(
              start,
              "Template inheritance (`{{<` and `{{$`, "
                  + where(start)
                  + ") is not supported in scripts.");
      default -> readVariable(trimmed, start, end);
    }
  }

  private void readPlainName(Kind kind, String name, int start, int end, String opener) {
    if (name.isEmpty()) {
      syntax(
          start,
          "The tag `" + opener + "` " + where(start) + " has no name: write one before `}}`.");
      return;
    }
    if (name.indexOf('|') >= 0) {
      syntax(
          start,
          "A fallback (`| default: \"...\"`) can only be used in a plain placeholder such as "
              + FALLBACK_FORM
              + " ("
              + where(start)
              + ").");
      name = name.substring(0, name.indexOf('|')).trim();
    }
    add(kind, name, null, start, end);
  }

  private void readVariable(String body, int start, int end) {
    int bar = body.indexOf('|');
    if (bar < 0) {
      add(Kind.VARIABLE, body, null, start, end);
      return;
    }
    String name = body.substring(0, bar).trim();
    String fallback = readFallback(body.substring(bar + 1).trim(), start);
    if (name.isEmpty()) {
      syntax(
          start,
          "The placeholder "
              + where(start)
              + " has a fallback but no name: write it as "
              + FALLBACK_FORM
              + ".");
      return;
    }
    add(Kind.VARIABLE, name, fallback, start, end);
  }

  /**
   * Reads {@code default: "text"}. Inside the quotes, {@code \"} stands for a double quote and
   * {@code \\} for a backslash; any other backslash is an error.
   */
  private @Nullable String readFallback(String filter, int start) {
    String rest = filter;
    if (!rest.startsWith("default")) {
      syntax(
          start,
          "Only `| default: \"text\"` can follow `|` ("
              + where(start)
              + "): write it as "
              + FALLBACK_FORM
              + ".");
      return null;
    }
    rest = rest.substring("default".length()).stripLeading();
    if (!rest.startsWith(":")) {
      syntax(
          start,
          "The fallback "
              + where(start)
              + " needs a colon after `default`: write it as "
              + FALLBACK_FORM
              + ".");
      return null;
    }
    rest = rest.substring(1).stripLeading();
    if (!rest.startsWith("\"")) {
      syntax(
          start,
          "The fallback text "
              + where(start)
              + " must be in double quotes: write it as "
              + FALLBACK_FORM
              + ".");
      return null;
    }
    StringBuilder value = new StringBuilder();
    int i = 1;
    while (i < rest.length() && rest.charAt(i) != '"') {
      char c = rest.charAt(i);
      if (c == '\\') {
        char next = i + 1 < rest.length() ? rest.charAt(i + 1) : ' ';
        if (next != '"' && next != '\\') {
          syntax(
              start,
              "The fallback text "
                  + where(start)
                  + " contains a backslash: write `\\\"` for a double quote and"
                  + " `\\\\` for a backslash.");
          return null;
        }
        value.append(next);
        i += 2;
      } else {
        value.append(c);
        i++;
      }
    }
    if (i >= rest.length()) {
      syntax(start, "The fallback text " + where(start) + " has no closing double quote.");
      return null;
    }
    if (!rest.substring(i + 1).isBlank()) {
      syntax(
          start,
          "Nothing can follow the closing quote of the fallback text (" + where(start) + ").");
      return null;
    }
    return value.toString();
  }

  private void checkSections() {
    Deque<Tag> open = new ArrayDeque<>();
    for (Tag tag : tags) {
      switch (tag.kind()) {
        case SECTION, INVERTED -> open.push(tag);
        case CLOSE -> {
          Tag top = open.peek();
          if (top == null) {
            syntax(
                tag.start(),
                "`"
                    + tag.display()
                    + "` "
                    + where(tag.start())
                    + " closes a section that was never opened.");
          } else {
            open.pop();
            if (!top.name().equals(tag.name())) {
              syntax(
                  tag.start(),
                  "`"
                      + tag.display()
                      + "` "
                      + where(tag.start())
                      + " does not match the open section `"
                      + top.display()
                      + "` from line "
                      + top.line()
                      + ": close it with `{{/"
                      + top.name()
                      + "}}`.");
            }
          }
        }
        default -> {}
      }
    }
    for (Tag tag : open) {
      syntax(
          tag.start(),
          "The section `"
              + tag.display()
              + "` opened "
              + where(tag.start())
              + " is never closed: add `{{/"
              + tag.name()
              + "}}` where it should end.");
    }
  }

  private void add(Kind kind, String name, @Nullable String fallback, int start, int end) {
    int line = lineOf(start);
    tags.add(new Tag(kind, name, fallback, start, end, line, start - lineStarts[line - 1] + 1));
  }

  private void syntax(int offset, String sentence) {
    int line = lineOf(offset);
    problems.add(new ScriptProblem(line, offset - lineStarts[line - 1] + 1, "", sentence));
  }

  private String where(int offset) {
    int line = lineOf(offset);
    return "on line " + line + ", column " + (offset - lineStarts[line - 1] + 1);
  }

  private int lineOf(int offset) {
    int low = 0;
    int high = lineStarts.length - 1;
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      if (lineStarts[mid] <= offset) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low + 1;
  }

  private static int[] lineStarts(String text) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        starts.add(i + 1);
      }
    }
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }
}
