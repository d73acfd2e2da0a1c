package io.servicebook.server.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run panel of a case page: the step the run is on, its script, the fields to capture with what
 * the agent typed and what was wrong with it, the choices, and the run's own problems.
 *
 * @param errors problems by field name, or by {@code choice}, {@code skip-reason}, {@code
 *     back-reason}; problems of the step itself under {@code ""}
 * @param chart the protocol's flowchart with the current step and the path taken marked
 * @param record the values the run captured and every step it went through
 */
public record RunPanel(
    String runId,
    String status,
    String protocol,
    Optional<Step> step,
    Map<String, String> errors,
    boolean done,
    Optional<ProtocolPages.RunChart> chart,
    RunRecord record) {

  /** The current step, ready to show. */
  public record Step(
      String id,
      String title,
      Optional<String> script,
      Optional<String> guidanceHtml,
      List<Input> inputs,
      List<String> choices,
      boolean skippable,
      boolean canGoBack) {}

  /** A field to capture: its control, what was typed, and what is wrong with it. */
  public record Input(
      String name,
      String type,
      String label,
      boolean required,
      List<String> values,
      String value,
      Optional<String> error) {

    /** The form control that fits the field's type. */
    public String control() {
      return switch (type) {
        case "text" -> "textarea";
        case "enum" -> "select";
        case "boolean" -> "checkbox";
        default -> "input";
      };
    }

    /** The input type: dates pick from a calendar; numbers are text, checked by the engine. */
    public String inputType() {
      return switch (type) {
        case "date" -> "date";
        case "email" -> "email";
        case "phone" -> "tel";
        default -> "text";
      };
    }

    public String inputMode() {
      return switch (type) {
        case "number", "money" -> "decimal";
        case "integer" -> "numeric";
        default -> null;
      };
    }

    public boolean checked() {
      return "true".equals(value) || "yes".equals(value);
    }

    public String inputId() {
      return "field-" + name;
    }

    public String param() {
      return "f." + name;
    }
  }

  /** The panel of a run as the runs service shows it ({@code Runs.view}). */
  @SuppressWarnings("unchecked")
  static RunPanel of(
      Map<String, Object> run,
      Map<String, String> typed,
      Map<String, String> errors,
      Guidance guidance,
      ProtocolPages pages) {
    Map<String, Object> protocol = (Map<String, Object>) run.get("protocol");
    Map<String, Object> fields = (Map<String, Object>) run.get("fields");
    Optional<Step> step =
        Optional.ofNullable((Map<String, Object>) run.get("current_step"))
            .map(s -> step(s, fields, typed, errors, guidance));
    return new RunPanel(
        (String) run.get("id"),
        (String) run.get("status"),
        protocol.get("slug") + "@" + protocol.get("version"),
        step,
        errors,
        !"active".equals(run.get("status")),
        pages.runChart(
            (String) protocol.get("slug"),
            ((Number) protocol.get("version")).intValue(),
            step.map(Step::id),
            path(run)),
        RunRecord.of(
            run,
            pages.model(
                (String) protocol.get("slug"), ((Number) protocol.get("version")).intValue())));
  }

  /** The steps the run has left, in the order it went through them. */
  @SuppressWarnings("unchecked")
  private static List<String> path(Map<String, Object> run) {
    return ((List<Map<String, Object>>) run.get("log"))
        .stream()
            .filter(visit -> visit.get("left_at") != null)
            .map(visit -> (String) visit.get("step_id"))
            .toList();
  }

  @SuppressWarnings("unchecked")
  private static Step step(
      Map<String, Object> s,
      Map<String, Object> captured,
      Map<String, String> typed,
      Map<String, String> errors,
      Guidance guidance) {
    List<Input> inputs = new ArrayList<>();
    for (Map<String, Object> f : (List<Map<String, Object>>) s.get("capture")) {
      String name = (String) f.get("name");
      Object known = captured.get(name);
      String value = typed.getOrDefault(name, known == null ? "" : String.valueOf(known));
      inputs.add(
          new Input(
              name,
              (String) f.get("type"),
              f.get("label") == null ? name : (String) f.get("label"),
              Boolean.TRUE.equals(f.get("required")),
              f.get("values") == null ? List.of() : (List<String>) f.get("values"),
              value,
              Optional.ofNullable(errors.get(name))));
    }
    return new Step(
        (String) s.get("id"),
        (String) s.get("title"),
        Optional.ofNullable((String) s.get("script")),
        Optional.ofNullable((String) s.get("guidance")).map(guidance::html),
        inputs,
        (List<String>) s.get("choices"),
        Boolean.TRUE.equals(s.get("skippable")),
        Boolean.TRUE.equals(s.get("can_go_back")));
  }

  public Optional<String> error(String key) {
    return Optional.ofNullable(errors.get(key));
  }
}
