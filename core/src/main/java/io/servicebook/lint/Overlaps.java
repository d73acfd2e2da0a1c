package io.servicebook.lint;

import io.servicebook.condition.CompiledCondition;
import io.servicebook.condition.ConditionInput;
import io.servicebook.condition.Evaluation;
import io.servicebook.diagnostics.Diagnostic;
import io.servicebook.protocol.Condition;
import io.servicebook.protocol.Protocol;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds pairs of protocols with the same priority whose {@code applies_when} can both hold for one
 * case. It tries the cases built from the values the two conditions compare with (plus a value
 * matching none of them) and reports the first case both accept, as a witness.
 */
final class Overlaps {

  static final int MAX_CANDIDATES = 4096;
  private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");
  private static final String NONE_OF_THEM = "\u0000other";

  private Overlaps() {}

  static List<Diagnostic> find(List<Protocol> protocols) {
    List<Diagnostic> found = new ArrayList<>();
    Map<Integer, List<Protocol>> byPriority = new TreeMap<>();
    protocols.forEach(p -> byPriority.computeIfAbsent(p.priority(), k -> new ArrayList<>()).add(p));
    for (List<Protocol> group : byPriority.values()) {
      List<Profile> profiles = group.stream().map(Profile::of).toList();
      for (int i = 0; i < group.size(); i++) {
        for (int j = i + 1; j < group.size(); j++) {
          if (!profiles.get(i).mayOverlap(profiles.get(j))) {
            continue;
          }
          Protocol a = group.get(i);
          Protocol b = group.get(j);
          witness(a, b)
              .ifPresent(
                  w ->
                      found.add(
                          LintRules.OVERLAPPING_PROTOCOLS.at(
                              b.file(),
                              b.positionOf("applies_when"),
                              "`"
                                  + b.slug()
                                  + "` and `"
                                  + a.slug()
                                  + "` ("
                                  + a.file()
                                  + ") both have priority "
                                  + b.priority()
                                  + " and both apply to "
                                  + w
                                  + ".")));
        }
      }
    }
    return found;
  }

  /**
   * For one protocol, the values of each text variable for which its condition can hold, found by
   * trying the values it compares with plus one value matching none of them. Two protocols can only
   * both apply when, for every text variable both compare, some value is admitted by both; this
   * cheap test spares the full search for the many pairs that are plainly apart.
   */
  record Profile(
      Map<String, Set<Object>> literals, Map<String, Set<Object>> admitted, boolean exact) {

    static Profile of(Protocol protocol) {
      Optional<CompiledCondition> condition = protocol.appliesWhen().map(Condition::compiled);
      if (condition.isEmpty()) {
        return new Profile(Map.of(), Map.of(), false);
      }
      Map<String, Set<Object>> literals = condition.get().comparedLiterals();
      Map<String, Set<Object>> admitted = new HashMap<>();
      boolean complete =
          enumerate(
              literals,
              assignment -> {
                if (holds(condition.get(), input(assignment))) {
                  assignment.forEach(
                      (k, v) -> admitted.computeIfAbsent(k, x -> new HashSet<>()).add(v));
                }
              });
      return new Profile(literals, admitted, complete);
    }

    boolean mayOverlap(Profile other) {
      if (!exact || !other.exact) {
        return true;
      }
      for (String variable : literals.keySet()) {
        if (other.literals.containsKey(variable)
            && onlyText(variable, other)
            && !shareAValue(variable, other)) {
          return false;
        }
      }
      return true;
    }

    private boolean onlyText(String variable, Profile other) {
      return literals.get(variable).stream().allMatch(v -> v instanceof String)
          && other.literals.get(variable).stream().allMatch(v -> v instanceof String);
    }

    private boolean shareAValue(String variable, Profile other) {
      Set<Object> mine = admitted.getOrDefault(variable, Set.of());
      Set<Object> theirs = other.admitted.getOrDefault(variable, Set.of());
      if (mine.contains(NONE_OF_THEM) && theirs.contains(NONE_OF_THEM)) {
        return true;
      }
      for (Object value : mine) {
        if (theirs.contains(value)) {
          return true;
        }
        if (!value.equals(NONE_OF_THEM)
            && theirs.contains(NONE_OF_THEM)
            && !other.literals.get(variable).contains(value)) {
          return true;
        }
      }
      for (Object value : theirs) {
        if (!value.equals(NONE_OF_THEM)
            && mine.contains(NONE_OF_THEM)
            && !literals.get(variable).contains(value)) {
          return true;
        }
      }
      return false;
    }
  }

  /** Calls back with every assignment of candidate values; false when the space was too large. */
  private static boolean enumerate(
      Map<String, Set<Object>> values, java.util.function.Consumer<Map<String, Object>> each) {
    List<String> variables = new ArrayList<>(values.keySet());
    List<List<Object>> choices = variables.stream().map(v -> candidates(values.get(v))).toList();
    long combinations = 1;
    for (List<Object> c : choices) {
      combinations *= c.size();
      if (combinations > MAX_CANDIDATES) {
        return false;
      }
    }
    for (long n = 0; n < combinations; n++) {
      Map<String, Object> assignment = new LinkedHashMap<>();
      long rest = n;
      for (int v = 0; v < variables.size(); v++) {
        List<Object> options = choices.get(v);
        assignment.put(variables.get(v), options.get((int) (rest % options.size())));
        rest /= options.size();
      }
      each.accept(assignment);
    }
    return true;
  }

  /** A description of a case both protocols apply to, if one is found. */
  static Optional<String> witness(Protocol a, Protocol b) {
    Optional<CompiledCondition> ca = a.appliesWhen().map(Condition::compiled);
    Optional<CompiledCondition> cb = b.appliesWhen().map(Condition::compiled);
    if (ca.isEmpty() || cb.isEmpty()) {
      return Optional.of(
          ca.isEmpty() && cb.isEmpty()
              ? "every case (neither has `applies_when`)"
              : "every case the other applies to (one has no `applies_when`)");
    }
    Map<String, Set<Object>> values = new LinkedHashMap<>();
    merge(values, ca.get().comparedLiterals());
    merge(values, cb.get().comparedLiterals());
    List<String> variables = new ArrayList<>(values.keySet());
    List<List<Object>> choices = variables.stream().map(v -> candidates(values.get(v))).toList();
    long combinations = 1;
    for (List<Object> c : choices) {
      combinations = Math.min(MAX_CANDIDATES, combinations * c.size());
    }
    for (long n = 0; n < combinations; n++) {
      Map<String, Object> assignment = new LinkedHashMap<>();
      long rest = n;
      for (int v = 0; v < variables.size(); v++) {
        List<Object> options = choices.get(v);
        assignment.put(variables.get(v), options.get((int) (rest % options.size())));
        rest /= options.size();
      }
      ConditionInput input = input(assignment);
      if (holds(ca.get(), input) && holds(cb.get(), input)) {
        return Optional.of(describe(assignment));
      }
    }
    return Optional.empty();
  }

  private static void merge(Map<String, Set<Object>> into, Map<String, Set<Object>> from) {
    from.forEach((k, v) -> into.computeIfAbsent(k, x -> new LinkedHashSet<>()).addAll(v));
  }

  private static List<Object> candidates(Set<Object> literals) {
    List<Object> result = new ArrayList<>();
    for (Object literal : literals) {
      result.add(literal);
      if (literal instanceof Number number) {
        BigDecimal d = new BigDecimal(number.toString());
        result.add(d.add(BigDecimal.ONE).doubleValue());
        result.add(d.subtract(BigDecimal.ONE).doubleValue());
      }
    }
    if (literals.stream().noneMatch(l -> l instanceof Number || l instanceof Boolean)) {
      result.add(NONE_OF_THEM);
    }
    if (literals.stream().anyMatch(l -> l instanceof Boolean)) {
      result.add(Boolean.TRUE);
      result.add(Boolean.FALSE);
    }
    return result.stream().distinct().toList();
  }

  private static ConditionInput input(Map<String, Object> assignment) {
    Map<String, Map<String, Object>> roots = new HashMap<>();
    for (String root : List.of("case", "customer", "fields", "agent")) {
      roots.put(root, new HashMap<>());
    }
    defaults(
        roots.get("case"),
        "id",
        "channel",
        "category",
        "subject",
        "priority",
        "status",
        "language");
    roots.get("case").put("tags", List.of());
    roots.get("case").put("created_at", NOW);
    defaults(
        roots.get("customer"),
        "id",
        "first_name",
        "last_name",
        "email",
        "phone",
        "language",
        "tier");
    roots.get("customer").put("lifetime_value", 0.0);
    roots.get("customer").put("case_count", 0L);
    for (String name :
        List.of("preferred_channel", "language", "best_time", "accessibility", "note")) {
      roots.get("customer").put("preferences." + name, "");
    }
    defaults(roots.get("agent"), "id", "name", "first_name", "team", "role", "language");
    assignment.forEach(
        (variable, value) -> {
          int dot = variable.indexOf('.');
          if (dot > 0 && roots.containsKey(variable.substring(0, dot))) {
            Object v = value.equals(NONE_OF_THEM) ? "other" : value;
            roots.get(variable.substring(0, dot)).put(variable.substring(dot + 1), v);
          }
        });
    return new ConditionInput(
        roots.get("case"), roots.get("customer"), roots.get("fields"), roots.get("agent"), NOW);
  }

  private static void defaults(Map<String, Object> map, String... keys) {
    for (String key : keys) {
      map.put(key, "");
    }
  }

  private static boolean holds(CompiledCondition condition, ConditionInput input) {
    return condition.evaluate(input) instanceof Evaluation.Value value && value.result();
  }

  private static String describe(Map<String, Object> assignment) {
    List<String> parts = new ArrayList<>();
    assignment.forEach(
        (k, v) -> {
          if (!v.equals(NONE_OF_THEM)) {
            parts.add(k + " = " + (v instanceof String ? "\"" + v + "\"" : v));
          }
        });
    return parts.isEmpty() ? "any case" : "a case with " + String.join(", ", parts);
  }
}
