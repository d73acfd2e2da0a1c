package io.servicebook.document;

import io.servicebook.diagnostics.FormatRules;
import io.servicebook.diagnostics.Position;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads typed values out of a {@link YamlFile}'s nodes. A value of the wrong kind is reported on
 * the file (with its position and the kind expected) and read as empty, so reading goes on and all
 * problems of a file are found in one pass.
 */
public final class YamlReader {

  private final YamlFile file;

  public YamlReader(YamlFile file) {
    this.file = file;
  }

  public YamlFile file() {
    return file;
  }

  /**
   * Reads a map, reporting keys that are not in {@code known} (with the closest known key as
   * suggestion), keys that are not text, and keys given twice (at the second one).
   */
  public Optional<Mapping> mapping(Node node, String what, Collection<String> known) {
    if (!(node instanceof MappingNode map)) {
      wrongType(node, what, "a map of `key: value` lines");
      return Optional.empty();
    }
    Map<String, Node> keys = new LinkedHashMap<>();
    Map<String, Node> values = new LinkedHashMap<>();
    for (NodeTuple tuple : map.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
        file.report(
            FormatRules.WRONG_TYPE, tuple.getKeyNode(), "A key in " + what + " must be a word.");
        continue;
      }
      String key = keyNode.getValue();
      if (keys.containsKey(key)) {
        file.report(
            FormatRules.DUPLICATE_KEY,
            keyNode,
            "`"
                + key
                + "` is given twice in "
                + what
                + " (first at line "
                + file.position(keys.get(key)).line()
                + ").");
        continue;
      }
      if (!known.contains(key)) {
        unknownKey(keyNode, key, what, known);
        continue;
      }
      keys.put(key, keyNode);
      values.put(key, tuple.getValueNode());
    }
    return Optional.of(new Mapping(map, keys, values));
  }

  /** Reads a map whose keys are names chosen by the author (field names, step kinds, …). */
  public Optional<Map<ScalarNode, Node>> namedEntries(Node node, String what) {
    if (!(node instanceof MappingNode map)) {
      wrongType(node, what, "a map of `name: value` lines");
      return Optional.empty();
    }
    Map<String, Node> seen = new LinkedHashMap<>();
    Map<ScalarNode, Node> entries = new LinkedHashMap<>();
    for (NodeTuple tuple : map.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode keyNode) || keyNode.getValue().isBlank()) {
        file.report(
            FormatRules.WRONG_TYPE, tuple.getKeyNode(), "A name in " + what + " must be a word.");
        continue;
      }
      if (seen.containsKey(keyNode.getValue())) {
        file.report(
            FormatRules.DUPLICATE_KEY,
            keyNode,
            "`"
                + keyNode.getValue()
                + "` is given twice in "
                + what
                + " (first at line "
                + file.position(seen.get(keyNode.getValue())).line()
                + ").");
        continue;
      }
      seen.put(keyNode.getValue(), keyNode);
      entries.put(keyNode, tuple.getValueNode());
    }
    return Optional.of(entries);
  }

  public void unknownKey(Node at, String key, String what, Collection<String> known) {
    String hint =
        Suggestions.closest(key, known)
            .map(s -> "Did you mean `" + s + "`?")
            .orElse("Known keys here: " + String.join(", ", known) + ".");
    file.report(
        FormatRules.UNKNOWN_KEY,
        at,
        "`" + key + "` is not a key of " + what + ". " + hint,
        "Known keys of " + what + ": " + String.join(", ", known) + ".");
  }

  public Optional<List<Node>> list(Node node, String what) {
    if (node instanceof SequenceNode seq) {
      return Optional.of(seq.getValue());
    }
    wrongType(node, what, "a list (lines starting with `- `, or [a, b])");
    return Optional.empty();
  }

  /** A list, or a single value standing for a list of one. */
  public List<Node> listOrOne(Node node) {
    return node instanceof SequenceNode seq ? seq.getValue() : List.of(node);
  }

  public Optional<String> text(Node node, String what) {
    if (node instanceof ScalarNode scalar && !isNull(scalar)) {
      if (scalar.getValue().isBlank()) {
        file.report(FormatRules.INVALID_VALUE, node, what + " is empty.", "Write some text.");
        return Optional.empty();
      }
      return Optional.of(scalar.getValue());
    }
    wrongType(node, what, "text");
    return Optional.empty();
  }

  /** A word from a fixed list, such as a channel or a field type. */
  public Optional<String> word(Node node, String what, Collection<String> accepted) {
    return text(node, what)
        .flatMap(
            value -> {
              if (accepted.contains(value)) {
                return Optional.of(value);
              }
              String suggestion =
                  Suggestions.closest(value, accepted)
                      .map(s -> " Did you mean `" + s + "`?")
                      .orElse("");
              file.report(
                  FormatRules.INVALID_VALUE,
                  node,
                  "`" + value + "` is not accepted for " + what + "." + suggestion,
                  "Accepted: " + String.join(", ", accepted) + ".");
              return Optional.empty();
            });
  }

  public <E extends Enum<E>> Optional<E> choice(Node node, String what, Class<E> type) {
    Map<String, E> byName = new LinkedHashMap<>();
    for (E constant : type.getEnumConstants()) {
      byName.put(constant.name().toLowerCase(Locale.ROOT), constant);
    }
    return word(node, what, byName.keySet()).map(byName::get);
  }

  public Optional<Integer> integer(Node node, String what, int min, int max) {
    if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT)) {
      try {
        int value = Integer.parseInt(scalar.getValue().replace("_", ""));
        if (value >= min && value <= max) {
          return Optional.of(value);
        }
      } catch (NumberFormatException e) {
        // out of int range: reported below
      }
      file.report(
          FormatRules.INVALID_VALUE,
          node,
          what + " must be between " + min + " and " + max + ", not " + scalar.getValue() + ".",
          "Use a whole number from " + min + " to " + max + ".");
      return Optional.empty();
    }
    wrongType(node, what, "a whole number");
    return Optional.empty();
  }

  public Optional<BigDecimal> decimal(Node node, String what) {
    if (node instanceof ScalarNode scalar
        && (scalar.getTag().equals(Tag.INT) || scalar.getTag().equals(Tag.FLOAT))) {
      try {
        return Optional.of(new BigDecimal(scalar.getValue().replace("_", "")));
      } catch (NumberFormatException e) {
        // .inf, .nan: reported below
      }
    }
    wrongType(node, what, "a number");
    return Optional.empty();
  }

  public Optional<Boolean> bool(Node node, String what) {
    if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
      return Optional.of(Boolean.parseBoolean(scalar.getValue().toLowerCase(Locale.ROOT)));
    }
    wrongType(node, what, "true or false");
    return Optional.empty();
  }

  /** Reads each item of a list, skipping the ones that were reported as wrong. */
  public <T> List<T> each(Node node, String what, Function<Node, Optional<T>> reader) {
    List<T> result = new ArrayList<>();
    list(node, what).ifPresent(items -> items.forEach(i -> reader.apply(i).ifPresent(result::add)));
    return result;
  }

  /** Reports a required key that is missing, at the start of the map. */
  public void require(Mapping mapping, String key, String what) {
    if (!mapping.has(key)) {
      file.report(
          FormatRules.MISSING_KEY,
          mapping.node(),
          what + " needs `" + key + "`.",
          "Add a `" + key + ":` line to " + what + ".");
    }
  }

  public void wrongType(Node node, String what, String expected) {
    file.report(
        FormatRules.WRONG_TYPE,
        node,
        what + " should be " + expected + ", but it is " + describe(node) + ".",
        "Write " + what + " as " + expected + ".");
  }

  public Position position(Node node) {
    return file.position(node);
  }

  public static boolean isNull(Node node) {
    return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
  }

  static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a map";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    if (node instanceof ScalarNode scalar) {
      if (isNull(scalar)) {
        return "empty";
      }
      String value = scalar.getValue();
      String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
      if (scalar.getTag().equals(Tag.INT) || scalar.getTag().equals(Tag.FLOAT)) {
        return "the number " + shown;
      }
      if (scalar.getTag().equals(Tag.BOOL)) {
        return shown;
      }
      return "the text `" + shown + "`";
    }
    return "something else";
  }

  /** Names of a set, for messages. */
  public static String names(Set<String> names) {
    return names.isEmpty() ? "none" : String.join(", ", names);
  }
}
