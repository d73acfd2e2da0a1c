package io.servicebook.condition;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A field a protocol declares, visible to conditions as {@code fields.NAME}.
 *
 * @param name the field name, a CEL identifier such as {@code order_number}
 * @param kind the kind of value it holds
 * @param allowedValues the values of an enum field (kind {@link ValueKind#TEXT}); empty otherwise
 */
public record FieldDeclaration(String name, ValueKind kind, List<String> allowedValues) {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** Words CEL keeps for itself; they cannot be field names. */
  private static final Set<String> RESERVED =
      Set.of(
          "in",
          "true",
          "false",
          "null",
          "as",
          "break",
          "const",
          "continue",
          "else",
          "for",
          "function",
          "if",
          "import",
          "let",
          "loop",
          "package",
          "namespace",
          "return",
          "var",
          "void",
          "while");

  public FieldDeclaration {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(allowedValues, "allowedValues");
    if (!IDENTIFIER.matcher(name).matches() || RESERVED.contains(name)) {
      throw new IllegalArgumentException(
          "Field name '"
              + name
              + "' cannot be used in conditions: use letters, digits and _ (not starting with a"
              + " digit), and not a reserved word.");
    }
    allowedValues = List.copyOf(allowedValues);
    if (!allowedValues.isEmpty() && kind != ValueKind.TEXT) {
      throw new IllegalArgumentException(
          "Field '" + name + "' has allowed values, so its kind must be TEXT, not " + kind + ".");
    }
  }

  /** Whether conditions keep {@code name} as a word of their own, so no field can be named so. */
  public static boolean isReservedWord(String name) {
    return RESERVED.contains(name);
  }

  /** A field without a fixed list of values. */
  public static FieldDeclaration of(String name, ValueKind kind) {
    return new FieldDeclaration(name, kind, List.of());
  }
}
