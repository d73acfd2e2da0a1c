package io.servicebook.server.runs;

import io.servicebook.cases.CaseFacts;
import io.servicebook.protocol.Field;
import io.servicebook.runs.CurrentStep;
import io.servicebook.runs.Run;
import io.servicebook.runs.RunEngine;
import io.servicebook.runs.StepOutcome;
import io.servicebook.runs.StepVisit;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The JSON shape of a run: where it stands, the step to show, and its log. */
final class RunViews {

  private RunViews() {}

  static Map<String, Object> full(RunEngine engine, Run run, CaseFacts facts, long version) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", run.id());
    m.put("case_id", run.caseId());
    m.put("status", run.status().name().toLowerCase(Locale.ROOT));
    m.put("protocol", Map.of("slug", run.protocolSlug(), "version", run.protocolVersion()));
    m.put("current_step", engine.currentStep(run, facts).map(RunViews::step).orElse(null));
    Map<String, Object> fields = new LinkedHashMap<>();
    run.fields().forEach((name, value) -> fields.put(name, RunState.plain(value)));
    m.put("fields", fields);
    m.put("log", run.log().stream().map(RunViews::visit).toList());
    m.put("version", version);
    return m;
  }

  private static Map<String, Object> step(CurrentStep current) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", current.step().id());
    m.put("title", current.title());
    m.put("script", current.script().orElse(null));
    m.put("guidance", current.guidance().orElse(null));
    m.put("capture", current.capture().stream().map(RunViews::field).toList());
    m.put("choices", current.choices());
    m.put("skippable", current.skippable());
    m.put("can_go_back", current.canGoBack());
    return m;
  }

  private static Map<String, Object> field(Field field) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", field.name());
    m.put("type", field.type().key());
    m.put("label", field.label().orElse(null));
    m.put("required", field.required());
    if (!field.values().isEmpty()) {
      m.put("values", field.values());
    }
    return m;
  }

  private static Map<String, Object> visit(StepVisit visit) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("step_id", visit.stepId());
    m.put("entered_by", visit.enteredBy());
    m.put("entered_at", visit.enteredAt().toString());
    m.put("left_by", visit.leftBy().orElse(null));
    m.put("left_at", visit.leftAt().map(Instant::toString).orElse(null));
    m.put(
        "outcome",
        visit.outcome().map(StepOutcome::name).map(o -> o.toLowerCase(Locale.ROOT)).orElse(null));
    Map<String, Object> captured = new LinkedHashMap<>();
    visit.captured().forEach((name, value) -> captured.put(name, RunState.plain(value)));
    m.put("captured", captured);
    m.put(
        "deviations",
        visit.deviations().stream()
            .map(
                d ->
                    Map.of(
                        "kind",
                        d.kind().name().toLowerCase(Locale.ROOT),
                        "reason",
                        d.reason(),
                        "actor",
                        d.actor(),
                        "at",
                        d.at().toString()))
            .toList());
    return m;
  }
}
