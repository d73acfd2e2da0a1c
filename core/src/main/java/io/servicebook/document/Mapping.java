package io.servicebook.document;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/** A YAML map whose keys have been checked against the keys the format knows. */
public final class Mapping {

  private final MappingNode node;
  private final Map<String, Node> values;
  private final Map<String, Node> keys;

  Mapping(MappingNode node, Map<String, Node> keys, Map<String, Node> values) {
    this.node = node;
    this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public MappingNode node() {
    return node;
  }

  public Optional<Node> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  public boolean has(String key) {
    return values.containsKey(key);
  }

  /** The node of the key itself, for problems about the key rather than its value. */
  public Optional<Node> keyNode(String key) {
    return Optional.ofNullable(keys.get(key));
  }

  /** The known keys present, in file order, with their values. */
  public Map<String, Node> entries() {
    return values;
  }
}
