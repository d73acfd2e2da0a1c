package io.servicebook.script;

import io.servicebook.document.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The names a protocol's scripts may use, and the "did you mean" messages when they do not. */
final class Vocabulary {

  static final List<String> ROOTS = List.of("customer", "case", "agent", "fields");

  private static final List<String> BUILT_IN =
      List.of(
          "customer.first_name",
          "customer.last_name",
          "customer.name",
          "customer.email",
          "customer.phone",
          "customer.language",
          "customer.tier",
          "customer.lifetime_value",
          "customer.preferences.preferred_channel",
          "customer.preferences.language",
          "customer.preferences.best_time",
          "customer.preferences.accessibility",
          "customer.preferences.note",
          "case.id",
          "case.subject",
          "case.channel",
          "case.category",
          "case.priority",
          "case.status",
          "case.language",
          "case.created_at",
          "agent.first_name",
          "agent.last_name",
          "agent.name",
          "agent.email",
          "agent.team");

  private final Set<String> variables;
  private final List<String> fields;
  private final List<String> fragments;

  Vocabulary(Set<String> fieldNames, Set<String> fragmentNames) {
    this.fields = fieldNames.stream().sorted().map(f -> "fields." + f).toList();
    this.fragments = List.copyOf(new TreeSet<>(fragmentNames));
    Set<String> all = new LinkedHashSet<>(BUILT_IN);
    all.addAll(fields);
    this.variables = Set.copyOf(all);
  }

  boolean isVariable(String name) {
    return variables.contains(name);
  }

  boolean isFragment(String name) {
    return fragments.contains(name);
  }

  String unknownVariable(String display, String name) {
    int dot = name.indexOf('.');
    String root = dot < 0 ? null : name.substring(0, dot);
    StringBuilder message =
        new StringBuilder("`").append(display).append("` is not something a script can use.");
    List<String> suggestions = suggest(name, root);
    if (!suggestions.isEmpty()) {
      message.append(" Did you mean ").append(orList(suggestions)).append('?');
    }
    if ("fields".equals(root)) {
      message.append(
          fields.isEmpty()
              ? " This protocol declares no fields."
              : " The fields of this protocol are " + andList(fields) + ".");
    } else if (root == null || !ROOTS.contains(root)) {
      message.append(" Placeholders start with ").append(orList(rootPrefixes())).append('.');
    } else if (suggestions.isEmpty()) {
      List<String> underRoot = BUILT_IN.stream().filter(v -> v.startsWith(root + ".")).toList();
      message.append(" For the ").append(root).append(" a script can use ");
      message.append(andList(underRoot)).append('.');
    }
    return message.toString();
  }

  String unknownFragment(String display, String name) {
    StringBuilder message =
        new StringBuilder("`").append(display).append("` is not a known fragment.");
    if (fragments.isEmpty()) {
      return message.append(" This protocol defines no fragments.").toString();
    }
    List<String> close = closest(name, fragments);
    if (!close.isEmpty()) {
      message.append(" Did you mean ").append(orList(close)).append('?');
    }
    return message
        .append(" The known fragments are ")
        .append(andList(fragments))
        .append('.')
        .toString();
  }

  private List<String> suggest(String name, @Nullable String root) {
    List<String> known = new ArrayList<>(BUILT_IN);
    known.addAll(fields);
    if (root == null) {
      // "first_name" -> customer.first_name or agent.first_name
      List<String> byLeaf =
          known.stream()
              .filter(v -> v.substring(v.indexOf('.') + 1).equalsIgnoreCase(name))
              .toList();
      if (!byLeaf.isEmpty()) {
        return byLeaf;
      }
    }
    return closest(name, known);
  }

  /** The candidates nearest to {@code name}, if near enough to be a plausible typo. */
  private static List<String> closest(String name, List<String> candidates) {
    String lower = name.toLowerCase(Locale.ROOT);
    int limit = Math.max(1, Math.min(3, name.length() / 4));
    int best = Integer.MAX_VALUE;
    List<String> result = new ArrayList<>();
    for (String candidate : candidates) {
      int distance = Suggestions.distance(lower, candidate.toLowerCase(Locale.ROOT));
      if (distance > limit || distance > best) {
        continue;
      }
      if (distance < best) {
        best = distance;
        result.clear();
      }
      result.add(candidate);
    }
    return result;
  }

  private static List<String> rootPrefixes() {
    return ROOTS.stream().map(r -> r + ".").toList();
  }

  private static String orList(List<String> names) {
    return joined(names, " or ");
  }

  private static String andList(List<String> names) {
    return joined(names, " and ");
  }

  private static String joined(List<String> names, String last) {
    List<String> quoted = names.stream().map(n -> "`" + n + "`").toList();
    if (quoted.size() == 1) {
      return quoted.get(0);
    }
    return quoted.subList(0, quoted.size() - 1).stream().collect(Collectors.joining(", "))
        + last
        + quoted.get(quoted.size() - 1);
  }
}
