package io.servicebook.server.sla;

import io.servicebook.sla.SlaClock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The audit details of an SLA event: which clock cycle, and when it warned and fell due. */
final class SlaDetails {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private SlaDetails() {}

  static String of(SlaClock clock) {
    return with(clock, Map.of());
  }

  static String with(SlaClock clock, Map<String, Object> more) {
    Map<String, Object> details = fields(clock);
    details.putAll(more);
    return JSON.writeValueAsString(details);
  }

  /** The details as a map, for features that add their own before writing them. */
  static Map<String, Object> fields(SlaClock clock) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("target", target(clock));
    details.put("cycle", clock.cycle());
    details.put("warn_at", clock.warnAt().map(Instant::toString).orElse(null));
    details.put("due_at", clock.dueAt().map(Instant::toString).orElse(null));
    return details;
  }

  static String target(SlaClock clock) {
    return clock.target().name().toLowerCase(Locale.ROOT);
  }

  /** What features that tell people hear of a warning or a breach. */
  static SlaAlarm alarm(CaseClocks.CaseClock found, boolean breached) {
    var kase = found.stored().kase();
    return new SlaAlarm(
        kase.id(),
        kase.subject(),
        target(found.clock()),
        breached,
        kase.assignee(),
        kase.team(),
        found.clock().dueAt());
  }
}
