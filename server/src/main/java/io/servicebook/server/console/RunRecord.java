package io.servicebook.server.console;

import io.servicebook.protocol.Field;
import io.servicebook.protocol.Protocol;
import io.servicebook.protocol.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a run did, for every case (finished or not): the values it captured (the order number, the
 * dates, the choices) and every step it went through, with who, when, how long, how the step was
 * left and each deviation (skip, go back, off script) with its reason.
 */
public record RunRecord(List<Value> values, List<Visit> visits) {

  /**
   * A captured value, labelled as the protocol labels its field; {@code flag} is a yes/no value
   * (null for any other), which the page says in the reader's language.
   */
  public record Value(String name, String label, String value, Boolean flag) {}

  /** A deviation from the step as written, and why. */
  public record Departure(String kind, String reason, String actor, String atIso, String atText) {}

  /** One visit of a step. */
  public record Visit(
      String stepId,
      String title,
      String enteredBy,
      String enteredIso,
      String enteredText,
      String leftBy,
      String took,
      String outcome,
      List<Departure> deviations) {

    public boolean deviated() {
      return !deviations.isEmpty();
    }
  }

  /** The record of a run as the runs service shows it ({@code Runs.view}). */
  @SuppressWarnings("unchecked")
  static RunRecord of(Map<String, Object> run, Optional<Protocol> protocol) {
    List<Value> values = new ArrayList<>();
    ((Map<String, Object>) run.get("fields"))
        .forEach(
            (name, value) ->
                values.add(
                    new Value(
                        name,
                        protocol.map(p -> p.fields().get(name)).flatMap(Field::label).orElse(name),
                        String.valueOf(value),
                        value instanceof Boolean b ? b : null)));
    List<Visit> visits = new ArrayList<>();
    for (Map<String, Object> v : (List<Map<String, Object>>) run.get("log")) {
      String stepId = (String) v.get("step_id");
      Instant entered = Instant.parse((String) v.get("entered_at"));
      Optional<Instant> left = Optional.ofNullable((String) v.get("left_at")).map(Instant::parse);
      List<Departure> deviations = new ArrayList<>();
      for (Map<String, Object> d : (List<Map<String, Object>>) v.get("deviations")) {
        Instant at = Instant.parse((String) d.get("at"));
        deviations.add(
            new Departure(
                ((String) d.get("kind")).replace('_', '-'),
                (String) d.get("reason"),
                (String) d.get("actor"),
                at.toString(),
                Times.utc(at)));
      }
      visits.add(
          new Visit(
              stepId,
              protocol
                  .flatMap(p -> p.steps().stream().filter(s -> s.id().equals(stepId)).findFirst())
                  .map(Step::displayTitle)
                  .orElse(stepId),
              (String) v.get("entered_by"),
              entered.toString(),
              Times.utc(entered),
              v.get("left_by") == null ? "" : (String) v.get("left_by"),
              left.map(l -> took(Duration.between(entered, l))).orElse(""),
              v.get("outcome") == null
                  ? "current"
                  : ((String) v.get("outcome")).toLowerCase(Locale.ROOT).replace('_', '-'),
              deviations));
    }
    return new RunRecord(values, visits);
  }

  /** A step's length as an agent reads it: {@code 45 s}, {@code 3 min 10 s}, {@code 2 h 05 min}. */
  static String took(Duration d) {
    long seconds = Math.max(0, d.toSeconds());
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }
    if (seconds < 86_400) {
      return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
    }
    return String.format(Locale.ROOT, "%d d %02d h", seconds / 86_400, seconds % 86_400 / 3600);
  }
}
