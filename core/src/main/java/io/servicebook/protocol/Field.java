package io.servicebook.protocol;

import io.servicebook.diagnostics.Position;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A value the agent captures during a run, with the rules it must satisfy. */
public record Field(
    String name,
    FieldType type,
    Optional<String> label,
    boolean required,
    Optional<String> pattern,
    List<String> values,
    Optional<BigDecimal> min,
    Optional<BigDecimal> max,
    Position position) {

  public Field {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(position, "position");
    values = List.copyOf(values);
  }
}
