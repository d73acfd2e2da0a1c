package io.servicebook.server.cases;

import io.servicebook.cases.Case;
import io.servicebook.cases.Customer;
import io.servicebook.cases.Interaction;
import io.servicebook.server.cases.CaseRuns.RunSummary;
import io.servicebook.server.cases.StoredCase.ProtocolRef;
import io.servicebook.sla.SlaClock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The JSON shapes of a case: in full, and as a line of a listing. */
final class CaseViews {

  private CaseViews() {}

  /** A case with its run, SLA clocks, conversation, alternatives and surveys. */
  static Map<String, Object> full(
      StoredCase stored,
      Optional<RunSummary> run,
      List<SlaClock> clocks,
      List<CaseSurveys.SurveySummary> surveys,
      List<ConditionStop> conditionStops) {
    Map<String, Object> m = summary(stored);
    m.put("needs_protocol_choice", conditionStops.stream().anyMatch(ConditionStop::heldBack));
    m.put("protocol_warnings", conditionStops.stream().map(CaseViews::conditionStop).toList());
    m.put("alternatives", stored.alternatives().stream().map(CaseViews::protocol).toList());
    m.put("run", run.map(CaseViews::run).orElse(null));
    m.put("sla", clocks.stream().map(CaseViews::clock).toList());
    m.put(
        "interactions", stored.kase().interactions().stream().map(CaseViews::interaction).toList());
    m.put("surveys", surveys.stream().map(CaseViews::survey).toList());
    return m;
  }

  private static Map<String, Object> conditionStop(ConditionStop stop) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("protocol", stop.protocol());
    m.put("version", stop.version());
    m.put("condition", stop.condition());
    m.put("location", stop.location());
    m.put("expression", stop.expression());
    m.put("message", stop.message());
    m.put("held_back", stop.heldBack());
    m.put("at", stop.at().toString());
    return m;
  }

  private static Map<String, Object> survey(CaseSurveys.SurveySummary survey) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", survey.kind());
    m.put("token", survey.token());
    m.put("url", survey.url());
    m.put("status", survey.status());
    m.put("sent_at", survey.sentAt().toString());
    m.put("expires_at", survey.expiresAt().toString());
    return m;
  }

  static Map<String, Object> summary(StoredCase stored) {
    Case c = stored.kase();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("status", c.status().key());
    m.put("created_at", c.createdAt().toString());
    m.put("channel", c.channel().key());
    m.put("category", c.category());
    m.put("subject", c.subject());
    m.put("priority", c.priority().key());
    m.put("assignee", c.assignee().orElse(null));
    m.put("team", c.team().orElse(null));
    m.put("customer", customer(c.customer()));
    m.put("protocol", stored.protocol().map(CaseViews::protocol).orElse(null));
    m.put("version", stored.version());
    return m;
  }

  static Map<String, Object> customer(Customer customer) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", customer.id());
    m.put("first_name", customer.firstName());
    m.put("last_name", customer.lastName());
    m.put("email", customer.email().orElse(null));
    m.put("phone", customer.phone().orElse(null));
    m.put("language", customer.language());
    m.put("tier", customer.tier());
    m.put(
        "lifetime_value",
        customer.lifetimeValue().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
    return m;
  }

  private static Map<String, Object> protocol(ProtocolRef ref) {
    return Map.of("slug", ref.slug(), "version", ref.version());
  }

  private static Map<String, Object> run(RunSummary run) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", run.id());
    m.put("status", run.status());
    m.put(
        "current_step",
        run.currentStep()
            .map(
                step -> {
                  Map<String, Object> s = new LinkedHashMap<>();
                  s.put("id", step.id());
                  s.put("title", step.title());
                  s.put("script", step.script().orElse(null));
                  return s;
                })
            .orElse(null));
    return m;
  }

  private static Map<String, Object> clock(SlaClock clock) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("target", clock.target().name().toLowerCase(Locale.ROOT));
    m.put("cycle", clock.cycle());
    m.put("due_at", clock.dueAt().map(Instant::toString).orElse(null));
    m.put("warn_at", clock.warnAt().map(Instant::toString).orElse(null));
    m.put("state", clock.state().name().toLowerCase(Locale.ROOT));
    m.put("started_at", clock.startedAt().toString());
    m.put("stopped_at", clock.stoppedAt().map(Instant::toString).orElse(null));
    m.put("elapsed_seconds", clock.elapsed().toSeconds());
    return m;
  }

  private static Map<String, Object> interaction(Interaction i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(
        "kind",
        switch (i.kind()) {
          case INBOUND_MESSAGE -> "inbound";
          case OUTBOUND_MESSAGE -> "outbound";
          case AUTOMATED_MESSAGE -> "automated";
          case CALL -> "call";
          case NOTE -> "note";
        });
    m.put("channel", i.channel().key());
    m.put("author", i.author());
    m.put("body", i.body());
    m.put("visibility", i.visibility().name().toLowerCase(Locale.ROOT));
    m.put("at", i.at().toString());
    i.call()
        .ifPresent(
            call ->
                m.put(
                    "call",
                    Map.of(
                        "direction", call.direction().name().toLowerCase(Locale.ROOT),
                        "seconds", call.duration().toSeconds())));
    return m;
  }
}
