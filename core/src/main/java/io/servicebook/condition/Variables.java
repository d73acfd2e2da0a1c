package io.servicebook.condition;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The variables conditions may use, by qualified name ({@code case.category}, {@code
 * fields.order_number}, {@code now}).
 *
 * <p>Each is declared to CEL as one variable whose name contains a dot. CEL's checker resolves a
 * select chain such as {@code case.category} as a qualified identifier, so {@code case} itself is
 * never a value: an unknown member ({@code case.shoe_size}) is an undeclared reference, i.e. a
 * compile error, which a map-typed {@code case} would not give.
 */
final class Variables {

  static final String NOW = "now";

  /** The customer's preferences are {@code customer.preferences.NAME}. */
  static final String PREFERENCES = "preferences.";

  /** The names after {@code customer.preferences.} (CustomerPreferences.NAMES in cases). */
  static final List<String> PREFERENCE_NAMES =
      List.of("preferred_channel", "language", "best_time", "accessibility", "note");

  /** The groups of variables, in the order messages list them. */
  enum Group {
    CASE("case", "case value"),
    CUSTOMER("customer", "customer value"),
    AGENT("agent", "agent value"),
    FIELDS("fields", "declared field");

    final String prefix;
    final String noun;

    Group(String prefix, String noun) {
      this.prefix = prefix;
      this.noun = noun;
    }

    static Optional<Group> byPrefix(String prefix) {
      for (Group group : values()) {
        if (group.prefix.equals(prefix)) {
          return Optional.of(group);
        }
      }
      return Optional.empty();
    }
  }

  private static final CelType TEXT_LIST = ListType.create(SimpleType.STRING);

  private final Map<Group, Map<String, CelType>> groups = new LinkedHashMap<>();
  private final Map<String, CelType> byQualifiedName = new LinkedHashMap<>();
  private final Map<String, FieldDeclaration> fields = new LinkedHashMap<>();

  private Variables(List<FieldDeclaration> declarations) {
    Map<String, CelType> caseVars = new LinkedHashMap<>();
    for (String name :
        List.of("id", "channel", "category", "subject", "priority", "status", "language")) {
      caseVars.put(name, SimpleType.STRING);
    }
    caseVars.put("created_at", SimpleType.TIMESTAMP);
    caseVars.put("tags", TEXT_LIST);
    groups.put(Group.CASE, caseVars);

    Map<String, CelType> customer = new LinkedHashMap<>();
    for (String name :
        List.of("id", "first_name", "last_name", "email", "phone", "language", "tier")) {
      customer.put(name, SimpleType.STRING);
    }
    customer.put("lifetime_value", SimpleType.DOUBLE);
    customer.put("case_count", SimpleType.INT);
    for (String name : PREFERENCE_NAMES) {
      customer.put(PREFERENCES + name, SimpleType.STRING);
    }
    groups.put(Group.CUSTOMER, customer);

    Map<String, CelType> agent = new LinkedHashMap<>();
    for (String name : List.of("id", "name", "first_name", "team", "role", "language")) {
      agent.put(name, SimpleType.STRING);
    }
    groups.put(Group.AGENT, agent);

    Map<String, CelType> fieldVars = new LinkedHashMap<>();
    for (FieldDeclaration field : declarations) {
      if (fields.putIfAbsent(field.name(), field) != null) {
        throw new IllegalArgumentException("Field '" + field.name() + "' is declared twice.");
      }
      fieldVars.put(field.name(), typeOf(field.kind()));
    }
    groups.put(Group.FIELDS, fieldVars);

    byQualifiedName.put(NOW, SimpleType.TIMESTAMP);
    groups.forEach(
        (group, vars) ->
            vars.forEach((name, type) -> byQualifiedName.put(group.prefix + "." + name, type)));
  }

  static Variables forFields(List<FieldDeclaration> declarations) {
    return new Variables(declarations);
  }

  static CelType typeOf(ValueKind kind) {
    return switch (kind) {
      case TEXT -> SimpleType.STRING;
      case NUMBER -> SimpleType.DOUBLE;
      case INTEGER -> SimpleType.INT;
      case BOOLEAN -> SimpleType.BOOL;
      case DATE, DATETIME -> SimpleType.TIMESTAMP;
    };
  }

  /** All variables by qualified name, {@code now} first. */
  Map<String, CelType> all() {
    return Collections.unmodifiableMap(byQualifiedName);
  }

  boolean isDeclared(String qualifiedName) {
    return byQualifiedName.containsKey(qualifiedName);
  }

  /** Short names in a group, in declaration order. */
  List<String> names(Group group) {
    return new ArrayList<>(groups.get(group).keySet());
  }

  /** The field declaration behind {@code fields.NAME}, if that is what the name is. */
  Optional<FieldDeclaration> field(String qualifiedName) {
    String prefix = Group.FIELDS.prefix + ".";
    if (!qualifiedName.startsWith(prefix)) {
      return Optional.empty();
    }
    return Optional.ofNullable(fields.get(qualifiedName.substring(prefix.length())));
  }
}
