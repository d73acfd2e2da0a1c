package io.servicebook.server.runs;

import io.servicebook.runs.Deviation;
import io.servicebook.runs.StepOutcome;
import io.servicebook.runs.StepVisit;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A run's path, captured fields and step log as JSON text. Captured values keep their type ({@code
 * {"type": "date", "value": "2026-03-02"}}) so a reloaded run decides exactly as before. Public for
 * the writers that store runs without the engine (the demo history), so they write this same form.
 */
public final class RunState {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private RunState() {}

  public static String path(List<String> path) {
    return JSON.writeValueAsString(path);
  }

  static List<String> path(String json) {
    return JSON.readValue(json, new TypeReference<List<String>>() {});
  }

  public static String fields(Map<String, Object> fields) {
    return JSON.writeValueAsString(typed(fields));
  }

  static Map<String, Object> fields(String json) {
    return untyped(JSON.readValue(json, new TypeReference<Map<String, Map<String, String>>>() {}));
  }

  public static String log(List<StepVisit> log) {
    return JSON.writeValueAsString(log.stream().map(RunState::visit).toList());
  }

  static List<StepVisit> log(String json) {
    List<Map<String, Object>> visits =
        JSON.readValue(json, new TypeReference<List<Map<String, Object>>>() {});
    return visits.stream().map(RunState::visit).toList();
  }

  /** A captured value as JSON shows it: dates and times as ISO text, numbers as numbers. */
  static Object plain(Object value) {
    return switch (value) {
      case LocalDate date -> date.toString();
      case Instant instant -> instant.toString();
      default -> value;
    };
  }

  private static Map<String, Object> visit(StepVisit v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("step_id", v.stepId());
    m.put("entered_by", v.enteredBy());
    m.put("entered_at", v.enteredAt().toString());
    m.put("left_by", v.leftBy().orElse(null));
    m.put("left_at", v.leftAt().map(Instant::toString).orElse(null));
    m.put("outcome", v.outcome().map(StepOutcome::name).orElse(null));
    m.put("captured", typed(v.captured()));
    m.put(
        "deviations",
        v.deviations().stream()
            .map(
                d ->
                    Map.of(
                        "kind", d.kind().name(),
                        "step_id", d.stepId(),
                        "reason", d.reason(),
                        "actor", d.actor(),
                        "at", d.at().toString()))
            .toList());
    return m;
  }

  @SuppressWarnings("unchecked")
  private static StepVisit visit(Map<String, Object> m) {
    List<Deviation> deviations = new ArrayList<>();
    for (Map<String, String> d : (List<Map<String, String>>) m.get("deviations")) {
      deviations.add(
          new Deviation(
              Deviation.Kind.valueOf(d.get("kind")),
              d.get("step_id"),
              d.get("reason"),
              d.get("actor"),
              Instant.parse(d.get("at"))));
    }
    return new StepVisit(
        (String) m.get("step_id"),
        (String) m.get("entered_by"),
        Instant.parse((String) m.get("entered_at")),
        Optional.ofNullable((String) m.get("left_by")),
        Optional.ofNullable((String) m.get("left_at")).map(Instant::parse),
        Optional.ofNullable((String) m.get("outcome")).map(StepOutcome::valueOf),
        untyped((Map<String, Map<String, String>>) m.get("captured")),
        deviations);
  }

  private static Map<String, Map<String, String>> typed(Map<String, Object> values) {
    Map<String, Map<String, String>> typed = new LinkedHashMap<>();
    values.forEach((name, value) -> typed.put(name, typed(value)));
    return typed;
  }

  private static Map<String, String> typed(Object value) {
    return switch (value) {
      case String s -> Map.of("type", "string", "value", s);
      case BigDecimal d -> Map.of("type", "decimal", "value", d.toPlainString());
      case Long l -> Map.of("type", "integer", "value", l.toString());
      case Boolean b -> Map.of("type", "boolean", "value", b.toString());
      case LocalDate d -> Map.of("type", "date", "value", d.toString());
      case Instant i -> Map.of("type", "instant", "value", i.toString());
      default ->
          throw new IllegalStateException(
              "A captured value of type "
                  + value.getClass().getName()
                  + " cannot be stored; the run engine made a type the server does not know, a"
                  + " bug.");
    };
  }

  private static Map<String, Object> untyped(Map<String, Map<String, String>> typed) {
    Map<String, Object> values = new LinkedHashMap<>();
    typed.forEach((name, t) -> values.put(name, untyped(t.get("type"), t.get("value"))));
    return values;
  }

  private static Object untyped(String type, String value) {
    return switch (type) {
      case "string" -> value;
      case "decimal" -> new BigDecimal(value);
      case "integer" -> Long.valueOf(value);
      case "boolean" -> Boolean.valueOf(value);
      case "date" -> LocalDate.parse(value);
      case "instant" -> Instant.parse(value);
      default ->
          throw new IllegalStateException(
              "A stored captured value has the unknown type `" + type + "`; a bug.");
    };
  }
}
