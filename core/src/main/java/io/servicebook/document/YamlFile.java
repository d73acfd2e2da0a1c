package io.servicebook.document;

import io.servicebook.diagnostics.Diagnostic;
import io.servicebook.diagnostics.FormatRules;
import io.servicebook.diagnostics.Position;
import io.servicebook.diagnostics.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * A YAML file being read: its node tree with positions, and the problems found in it so far. Every
 * reader of protocol, calendar and fragment files reports through one of these, so that all
 * problems of a file are collected and each carries file, line and column.
 */
public final class YamlFile {

  private static final int MAX_CODE_POINTS = 4 * 1024 * 1024;

  private final String file;
  private final String text;
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private final Node root;
  private int[] lineStarts;

  private YamlFile(String file, String text) {
    this.file = file;
    this.text = text;
    this.root = compose();
  }

  /** Reads the text as YAML; a syntax error becomes a diagnostic, never an exception. */
  public static YamlFile parse(String file, String text) {
    return new YamlFile(file, text);
  }

  private Node compose() {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(file)
            .setSchema(new CoreSchema())
            .setCodePointLimit(MAX_CODE_POINTS)
            .setMaxAliasesForCollections(20)
            .setAllowRecursiveKeys(false)
            .build();
    try {
      return new Compose(settings).composeString(text).orElse(null);
    } catch (MarkedYamlEngineException e) {
      Position at =
          e.getProblemMark().or(e::getContextMark).map(this::position).orElse(Position.START);
      report(FormatRules.YAML_SYNTAX, at, syntaxMessage(e));
    } catch (YamlEngineException | IllegalArgumentException | IllegalStateException e) {
      report(
          FormatRules.YAML_SYNTAX,
          Position.START,
          "The file cannot be read as YAML: " + e.getMessage());
    } catch (StackOverflowError e) {
      report(FormatRules.YAML_SYNTAX, Position.START, "The file is nested too deeply to be read.");
    }
    return null;
  }

  private static String syntaxMessage(MarkedYamlEngineException e) {
    String problem = e.getProblem() == null ? "" : e.getProblem().trim();
    String context = e.getContext() == null ? "" : e.getContext().trim();
    String plain = SyntaxMessages.explain(context, problem);
    return "The YAML is broken here: " + plain;
  }

  public String file() {
    return file;
  }

  public String text() {
    return text;
  }

  /** The document's top node; empty when the file is empty or not valid YAML. */
  public Optional<Node> root() {
    return Optional.ofNullable(root);
  }

  public List<Diagnostic> diagnostics() {
    return List.copyOf(diagnostics);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  public void report(Rule rule, Position at, String message) {
    diagnostics.add(rule.at(file, at, message));
  }

  public void report(Rule rule, Position at, String message, String hint) {
    diagnostics.add(rule.at(file, at, message, hint));
  }

  public void report(Rule rule, Node at, String message) {
    report(rule, position(at), message);
  }

  public void report(Rule rule, Node at, String message, String hint) {
    report(rule, position(at), message, hint);
  }

  public void add(Diagnostic diagnostic) {
    diagnostics.add(diagnostic);
  }

  /** Where a node starts in the file. */
  public Position position(Node node) {
    return node.getStartMark().map(this::position).orElse(Position.START);
  }

  private Position position(Mark mark) {
    return new Position(mark.getLine() + 1, mark.getColumn() + 1);
  }

  /**
   * Where a place inside a scalar's value is in the file, for problems found inside a value (a CEL
   * syntax error, an unknown placeholder): {@code line} and {@code column} are 1-based within the
   * value's text. Falls back to the scalar's own position when the place cannot be mapped.
   */
  public Position positionInside(ScalarNode node, int line, int column) {
    Position start = position(node);
    String[] valueLines = node.getValue().split("\n", -1);
    if (line < 1 || line > valueLines.length) {
      return start;
    }
    int col = Math.max(1, Math.min(column, valueLines[line - 1].length() + 1));
    ScalarStyle style = node.getScalarStyle();
    boolean block = style == ScalarStyle.LITERAL || style == ScalarStyle.FOLDED;
    if (!block && valueLines.length == 1) {
      int quote = style == ScalarStyle.PLAIN ? 0 : 1;
      return start.plusColumns(quote + col - 1);
    }
    return search(node, valueLines[line - 1], col).orElse(start);
  }

  private Optional<Position> search(ScalarNode node, String valueLine, int column) {
    String head = valueLine.substring(0, Math.min(column - 1, valueLine.length())).stripLeading();
    String needle = (head + valueLine.substring(Math.min(column - 1, valueLine.length()))).strip();
    if (needle.isEmpty()) {
      return Optional.empty();
    }
    int from = node.getStartMark().map(Mark::getIndex).orElse(0);
    int to = node.getEndMark().map(Mark::getIndex).orElse(text.length());
    int found = indexOf(needle, from, to);
    return found < 0 ? Optional.empty() : Optional.of(positionOfOffset(found + head.length()));
  }

  private int indexOf(String needle, int fromCodePoint, int toCodePoint) {
    int from = offsetOfCodePoint(fromCodePoint);
    int to = Math.min(text.length(), offsetOfCodePoint(toCodePoint) + needle.length());
    int found = text.indexOf(needle, from);
    return found >= 0 && found <= to ? found : -1;
  }

  private int offsetOfCodePoint(int codePoint) {
    try {
      return text.offsetByCodePoints(0, Math.min(codePoint, text.codePointCount(0, text.length())));
    } catch (IndexOutOfBoundsException e) {
      return 0;
    }
  }

  private Position positionOfOffset(int offset) {
    int[] starts = lineStarts();
    int line = 0;
    int lo = 0;
    int hi = starts.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (starts[mid] <= offset) {
        line = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return new Position(line + 1, offset - starts[line] + 1);
  }

  private int[] lineStarts() {
    if (lineStarts == null) {
      List<Integer> starts = new ArrayList<>();
      starts.add(0);
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          starts.add(i + 1);
        }
      }
      lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }
    return lineStarts;
  }
}
