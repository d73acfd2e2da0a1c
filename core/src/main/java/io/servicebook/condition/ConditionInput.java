package io.servicebook.condition;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The values a condition is evaluated against. Maps are keyed by the short name ({@code "category"}
 * for {@code case.category}); a missing key or a {@code null} value means "no value yet". Values:
 * String, Integer/Long, Double/BigDecimal, Boolean, Instant, LocalDate (DATE fields), List of
 * String.
 *
 * @param now the moment of evaluation; {@code days_since}/{@code hours_since} count up to it
 */
public record ConditionInput(
    Map<String, Object> caseValues,
    Map<String, Object> customer,
    Map<String, Object> fields,
    Map<String, Object> agent,
    Instant now) {

  public ConditionInput {
    caseValues = copy(caseValues, "caseValues");
    customer = copy(customer, "customer");
    fields = copy(fields, "fields");
    agent = copy(agent, "agent");
    Objects.requireNonNull(now, "now");
  }

  private static Map<String, Object> copy(Map<String, Object> map, String what) {
    Objects.requireNonNull(map, what);
    // Not Map.copyOf: null values are allowed and mean "not captured yet".
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
