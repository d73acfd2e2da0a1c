package io.servicebook.server.kpi;

import io.servicebook.kpi.Facet;
import io.servicebook.kpi.Health;
import io.servicebook.kpi.KpiValues.ReasonCount;
import io.servicebook.kpi.Rollup;
import io.servicebook.kpi.Slicing;
import io.servicebook.kpi.VersionComparison;
import io.servicebook.kpi.Window;
import io.servicebook.server.web.Problems;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/kpis}: a protocol's KPIs over a window, overall and per group (JSON or CSV), the
 * cases behind a number, two versions compared; and {@code /api/v1/protocols/{slug}/health}. For
 * supervisors, admins, authors and reviewers; the definitions are in {@code docs/kpis.md}.
 */
@RestController
@PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR', 'AUTHOR', 'REVIEWER')")
class KpiController {

  private static final MediaType CSV = new MediaType("text", "csv");

  private final KpiReports reports;

  KpiController(KpiReports reports) {
    this.reports = reports;
  }

  @GetMapping("/api/v1/kpis")
  ResponseEntity<?> kpis(
      KpiParameters.Asked asked,
      @RequestParam(required = false) String format,
      @RequestHeader(name = "Accept", required = false) String accept) {
    KpiParameters parameters = new KpiParameters(reports);
    KpiParameters.Question question = parameters.question(asked);
    boolean csv = wantsCsv(format, accept, parameters);
    if (!parameters.errors().isEmpty()) {
      return invalid(parameters.errors());
    }
    Slicing slicing = question.slicing();
    KpiReports.Report report = reports.report(question.query(), slicing);
    if (csv) {
      return ResponseEntity.ok()
          .contentType(new MediaType(CSV, StandardCharsets.UTF_8))
          .header("Content-Disposition", "attachment; filename=\"kpis.csv\"")
          .body(KpiTable.csv(report));
    }
    Map<String, Object> body = head(report.query(), report.slicing());
    // rollups kept as cases change answer windows of whole days; other windows count the cases
    body.put("computed_from", report.overall().tracksCases() ? "cases" : "rollups");
    body.putAll(KpiTable.numbers(report.overall().kpis()));
    body.put("deviations", KpiTable.deviations(report.overall().kpis()));
    if (!slicing.by().isEmpty()) {
      body.put(
          "groups",
          report.groups().entrySet().stream()
              .map(
                  e -> {
                    Map<String, Object> group = new LinkedHashMap<>();
                    group.put("key", KpiTable.key(e.getKey()));
                    group.putAll(KpiTable.numbers(e.getValue().kpis()));
                    return group;
                  })
              .toList());
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
  }

  /**
   * The cases behind a number: {@code kpi} names it, or {@code step} (with {@code reason}: one
   * reason, "" for none given; without it, any reason) asks for the deviations at a step; {@code
   * group} (a group's key) narrows it.
   */
  @GetMapping("/api/v1/kpis/cases")
  ResponseEntity<?> cases(
      KpiParameters.Asked asked,
      @RequestParam(required = false) String kpi,
      @RequestParam(required = false) String step,
      @RequestParam(required = false) String reason,
      @RequestParam(required = false) String group) {
    KpiParameters parameters = new KpiParameters(reports);
    KpiParameters.Question question = parameters.question(asked);
    Optional<Drilldown.Question> drill = Drilldown.question(kpi, step, reason, parameters);
    if (group != null && question.slicing().by().isEmpty()) {
      parameters.errors().add(new KpiParameters.FieldError("group", "needs `by`: group by what?"));
    }
    if (!parameters.errors().isEmpty()) {
      return invalid(parameters.errors());
    }
    KpiReports.Report report = reports.withCases(question.query(), question.slicing());
    Rollup rollup = Drilldown.rollup(report, Optional.ofNullable(group));
    SortedSet<String> ids = Drilldown.cases(rollup, drill.orElseThrow());
    Map<String, Object> body = head(report.query(), report.slicing());
    switch (drill.get()) {
      case Drilldown.Question.Facets facets -> body.put("kpi", facets.kpi());
      case Drilldown.Question.AtStep at -> {
        body.put("step", at.step());
        body.put("reason", at.reason().orElse(null));
      }
    }
    body.put("group", group);
    body.put("count", ids.size());
    if (drill.get() instanceof Drilldown.Question.AtStep at) {
      body.put("deviation_count", Drilldown.deviations(rollup, at));
    }
    body.put("cases", List.copyOf(ids));
    return ResponseEntity.ok(body);
  }

  /** Version {@code b} against version {@code a}: each KPI's difference b − a. */
  @GetMapping("/api/v1/kpis/compare")
  ResponseEntity<?> compare(
      @RequestParam(required = false) String protocol,
      @RequestParam(required = false) String a,
      @RequestParam(required = false) String b,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String zone) {
    KpiParameters parameters = new KpiParameters(reports);
    Optional<String> slug = parameters.protocol(protocol, true);
    Optional<Integer> older = parameters.version("a", a, slug, true);
    Optional<Integer> newer = parameters.version("b", b, slug, true);
    Window window = parameters.window(from, to, parameters.zone(zone));
    if (!parameters.errors().isEmpty()) {
      return invalid(parameters.errors());
    }
    VersionComparison comparison =
        reports.compare(slug.orElseThrow(), older.orElseThrow(), newer.orElseThrow(), window);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("protocol", slug.get());
    body.put("a", older.get());
    body.put("b", newer.get());
    body.put("from", window.from().toString());
    body.put("to", window.to().toString());
    body.put(
        "differences", comparison.differences().stream().map(KpiController::difference).toList());
    return ResponseEntity.ok(body);
  }

  @GetMapping("/api/v1/protocols/{slug}/health")
  ResponseEntity<?> health(@PathVariable String slug) {
    return reports
        .health(slug)
        .<ResponseEntity<?>>map(h -> ResponseEntity.ok(health(h)))
        .orElseGet(
            () ->
                problem(
                    HttpStatus.NOT_FOUND,
                    "protocol-not-found",
                    "Protocol not found",
                    "There is no published protocol `" + slug + "`."));
  }

  private static Map<String, Object> health(KpiReports.ProtocolHealth health) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("protocol", health.protocol().slug());
    body.put("version", health.protocol().version());
    body.put("from", health.window().from().toString());
    body.put("to", health.window().to().toString());
    body.put("cases", health.cases());
    body.put("status", key(health.health().status()));
    body.put(
        "checks",
        health.health().checks().stream()
            .map(
                c -> {
                  Map<String, Object> check = new LinkedHashMap<>();
                  check.put("kpi", c.kpi().key());
                  check.put(
                      "target",
                      c.benchmark().comparison().symbol()
                          + " "
                          + c.benchmark().target().toPlainString());
                  check.put("status", key(c.status()));
                  check.put("value", c.value().orElse(null));
                  check.put("n", c.n());
                  check.put("evidence", c.evidence());
                  return check;
                })
            .toList());
    return body;
  }

  private static Map<String, Object> difference(VersionComparison.KpiDifference d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kpi", d.kpi().key());
    m.put("a", side(d.older()));
    m.put("b", side(d.newer()));
    switch (d.estimate()) {
      case VersionComparison.Estimate.Interval i -> {
        m.put("difference", i.difference());
        m.put("low", i.low());
        m.put("high", i.high());
        m.put("method", i.method().name().toLowerCase(Locale.ROOT));
        m.put("significant", i.isSignificant());
      }
      case VersionComparison.Estimate.NotEnoughData n -> {
        m.put("not_enough_data", true);
        m.put("minimum_sample", n.minimum());
      }
    }
    return m;
  }

  private static Map<String, Object> side(VersionComparison.Side side) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("n", side.n());
    m.put("value", side.value().orElse(null));
    return m;
  }

  private static String key(Health.Status status) {
    return status.name().toLowerCase(Locale.ROOT);
  }

  private static Map<String, Object> head(KpiQuery query, Slicing slicing) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("protocol", query.protocol().orElse(null));
    body.put("version", query.version().orElse(null));
    body.put("from", query.window().from().toString());
    body.put("to", query.window().to().toString());
    body.put("zone", slicing.zone().getId());
    body.put("by", slicing.by().stream().map(d -> d.key()).toList());
    return body;
  }

  private static boolean wantsCsv(String format, String accept, KpiParameters parameters) {
    if (format != null && !format.isBlank()) {
      String f = format.strip().toLowerCase(Locale.ROOT);
      if (!f.equals("csv") && !f.equals("json")) {
        parameters
            .errors()
            .add(new KpiParameters.FieldError("format", "is json or csv, not `" + format + "`."));
      }
      return f.equals("csv");
    }
    return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
  }

  private static ResponseEntity<ProblemDetail> invalid(List<KpiParameters.FieldError> errors) {
    ResponseEntity<ProblemDetail> reply =
        problem(
            HttpStatus.BAD_REQUEST,
            "invalid-kpi-query",
            "The KPI query is not valid",
            errors.size()
                + " parameter(s) need fixing: "
                + errors.getFirst().field()
                + " "
                + errors.getFirst().message());
    reply
        .getBody()
        .setProperty(
            "errors",
            errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
    return reply;
  }

  private static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, String type, String title, String detail) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(Problems.of(status, type, title, detail));
  }

  /**
   * Which cases a drill-down lists: a facet by its name, a KPI by the cases it counts, or the cases
   * whose run deviated at a step (for one reason, or any).
   */
  static final class Drilldown {

    private static final Map<String, Set<Facet>> ALIASES =
        Map.of(
            "resolution_rate", EnumSet.of(Facet.RESOLVED),
            "escalation_rate", EnumSet.of(Facet.ESCALATED),
            "reopen_rate", EnumSet.of(Facet.REOPENED),
            "first_contact_resolution", EnumSet.of(Facet.FIRST_CONTACT_RESOLVED),
            "adherence", EnumSet.of(Facet.RUN_ADHERENT),
            "not_adherent", EnumSet.of(Facet.RUN_UNEXPLAINED_DEVIATION),
            "sla_breached",
                EnumSet.of(
                    Facet.FIRST_RESPONSE_BREACHED,
                    Facet.NEXT_RESPONSE_BREACHED,
                    Facet.RESOLUTION_BREACHED),
            "sla_met",
                EnumSet.of(
                    Facet.FIRST_RESPONSE_MET, Facet.NEXT_RESPONSE_MET, Facet.RESOLUTION_MET));

    private Drilldown() {}

    /** What a drill-down asks for. */
    sealed interface Question {

      /** The cases behind {@code kpi} (as asked, in lower case): those of its facets. */
      record Facets(String kpi, Set<Facet> facets) implements Question {}

      /**
       * The cases whose run deviated at {@code step}: for {@code reason} (normalised as reports
       * group reasons; "" for deviations without a reason), or for any reason when it is empty.
       */
      record AtStep(String step, Optional<String> reason) implements Question {}
    }

    /**
     * The question of {@code kpi}, or of {@code step} and {@code reason}; empty, with the problems
     * added to the parameters' errors, when it cannot be answered. A blank {@code kpi} or {@code
     * step} counts as not given; an empty {@code reason} asks for the deviations without one. A
     * step that no run deviated at is no error: it has no cases.
     */
    static Optional<Question> question(
        String kpi, String step, String reason, KpiParameters parameters) {
      boolean byKpi = kpi != null && !kpi.isBlank();
      boolean byStep = step != null && !step.isBlank();
      if (byKpi && byStep) {
        parameters
            .errors()
            .add(
                new KpiParameters.FieldError(
                    "step", "cannot be asked together with `kpi`: give one of them."));
        return Optional.empty();
      }
      if (reason != null && !byStep) {
        parameters
            .errors()
            .add(
                new KpiParameters.FieldError(
                    "reason", "needs `step`: the reason of a deviation at which step?"));
      }
      if (byStep) {
        return Optional.of(
            new Question.AtStep(
                step.strip(), Optional.ofNullable(reason).map(ReasonCount::normalised)));
      }
      Set<Facet> facets = facets(kpi, parameters);
      return facets.isEmpty()
          ? Optional.empty()
          : Optional.of(new Question.Facets(kpi.strip().toLowerCase(Locale.ROOT), facets));
    }

    static Set<Facet> facets(String kpi, KpiParameters parameters) {
      if (kpi == null || kpi.isBlank()) {
        parameters
            .errors()
            .add(
                new KpiParameters.FieldError(
                    "kpi",
                    "is required (or `step`, for the cases that deviated at a step); "
                        + accepted()));
        return Set.of();
      }
      String key = kpi.strip().toLowerCase(Locale.ROOT);
      if (ALIASES.containsKey(key)) {
        return ALIASES.get(key);
      }
      for (Facet facet : Facet.values()) {
        if (facet.name().toLowerCase(Locale.ROOT).equals(key)) {
          return EnumSet.of(facet);
        }
      }
      parameters
          .errors()
          .add(new KpiParameters.FieldError("kpi", "`" + kpi + "` is unknown; " + accepted()));
      return Set.of();
    }

    /** The rollup of the report overall, or of one group (by its key); empty when none. */
    static Rollup rollup(KpiReports.Report report, Optional<String> group) {
      return group.isEmpty()
          ? report.overall()
          : report.groups().entrySet().stream()
              .filter(e -> KpiTable.key(e.getKey()).equals(group.get()))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElse(Rollup.empty());
    }

    /** The ids of the cases the question asks for, sorted. */
    static SortedSet<String> cases(Rollup rollup, Question question) {
      TreeSet<String> ids = new TreeSet<>();
      switch (question) {
        case Question.Facets f -> f.facets().forEach(x -> ids.addAll(rollup.kpis().casesBehind(x)));
        case Question.AtStep at -> matching(rollup, at).forEach(r -> ids.addAll(r.cases()));
      }
      return ids;
    }

    /**
     * How often runs deviated at the step for the reason: what the dashboard's heatmap counts, more
     * than the cases when a run deviated there more than once.
     */
    static long deviations(Rollup rollup, Question.AtStep at) {
      return matching(rollup, at).mapToLong(ReasonCount::count).sum();
    }

    private static Stream<ReasonCount> matching(Rollup rollup, Question.AtStep at) {
      return rollup.kpis().deviationReasons().stream()
          .filter(r -> r.step().equals(at.step()))
          .filter(r -> at.reason().isEmpty() || r.reason().orElse("").equals(at.reason().get()));
    }

    private static String accepted() {
      return "one of " + String.join(", ", names()) + ".";
    }

    /** The names a drill-down accepts: the facets and the KPIs named after what they count. */
    static SortedSet<String> names() {
      TreeSet<String> names = new TreeSet<>(ALIASES.keySet());
      for (Facet facet : Facet.values()) {
        names.add(facet.name().toLowerCase(Locale.ROOT));
      }
      return names;
    }
  }
}
