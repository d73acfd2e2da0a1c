package io.servicebook.server.kpi;

import io.servicebook.kpi.Rollup;
import io.servicebook.kpi.Window;
import io.servicebook.server.cases.Cases;
import io.servicebook.server.cases.StoredCase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The cases behind a number of the KPI dashboard, as the console lists them: the same drill-down as
 * {@code /api/v1/kpis/cases} (a facet or a KPI's name, or the deviations at a step for one reason
 * or any, over a window, overall or in one week), with each case's subject and status, the first
 * {@link #SHOWN} of them.
 */
@Service
public class KpiCases {

  /** How many cases a list shows at most. */
  public static final int SHOWN = 100;

  private static final Pattern WEEK = Pattern.compile("\\d{4}-W\\d{2}");

  private final KpiReports reports;
  private final Cases cases;

  KpiCases(KpiReports reports, Cases cases) {
    this.reports = reports;
    this.cases = cases;
  }

  /** The cases behind a number, or the question refused. */
  public sealed interface Drill {

    /**
     * The first of {@code total} cases behind {@code facet}, or whose run deviated as {@code
     * deviations} says (one of the two is present), among the protocol's cases (all when empty)
     * created in the window, in its {@code week} when given.
     */
    record Listed(
        Optional<String> protocol,
        Optional<String> facet,
        Optional<Deviations> deviations,
        Optional<String> week,
        Window window,
        int total,
        List<Row> cases)
        implements Drill {}

    /**
     * A parameter that cannot be answered: {@code field} is protocol, facet, step, reason, from, to
     * or week; {@code accepted} lists the facets when it is about the facet, the facet asked along
     * when it is about the step.
     */
    record Refused(String field, String value, List<String> accepted) implements Drill {}
  }

  /**
   * The deviations asked for: at {@code step}, for {@code reason} (normalised; "" for deviations
   * without a reason) or any reason when empty; {@code count} of them, more than the cases when a
   * run deviated there more than once.
   */
  public record Deviations(String step, Optional<String> reason, long count) {

    public boolean anyReason() {
      return reason.isEmpty();
    }

    public boolean noReason() {
      return reason.filter(String::isEmpty).isPresent();
    }
  }

  /** A case in the list. */
  public record Row(String id, String subject, String status, Instant created) {}

  @Transactional(readOnly = true)
  public Drill of(
      Optional<String> protocol,
      String facet,
      String step,
      String reason,
      String from,
      String to,
      Optional<String> week) {
    Map<String, String> given =
        Map.of(
            "protocol", protocol.orElse(""),
            "kpi", facet == null ? "" : facet,
            "step", step == null ? "" : step,
            "reason", reason == null ? "" : reason,
            "from", from == null ? "" : from,
            "to", to == null ? "" : to);
    if (week.isPresent() && !WEEK.matcher(week.get()).matches()) {
      return new Drill.Refused("week", week.get(), List.of());
    }
    KpiParameters parameters = new KpiParameters(reports);
    KpiParameters.Question question =
        parameters.question(
            new KpiParameters.Asked(
                protocol.orElse(null), null, from, to, week.map(w -> "week").orElse(null), null));
    Optional<KpiController.Drilldown.Question> drill =
        KpiController.Drilldown.question(facet, step, reason, parameters);
    if (!parameters.errors().isEmpty()) {
      String field = parameters.errors().getFirst().field();
      return switch (field) {
        case "kpi" ->
            new Drill.Refused(
                "facet", given.get(field), List.copyOf(KpiController.Drilldown.names()));
        case "step" -> new Drill.Refused("step", given.get(field), List.of(facet.strip()));
        default -> new Drill.Refused(field, given.getOrDefault(field, ""), List.of());
      };
    }
    KpiReports.Report report = reports.withCases(question.query(), question.slicing());
    Rollup rollup = KpiController.Drilldown.rollup(report, week);
    SortedSet<String> ids = KpiController.Drilldown.cases(rollup, drill.orElseThrow());
    List<Row> rows =
        ids.stream()
            .limit(SHOWN)
            .map(cases::find)
            .flatMap(Optional::stream)
            .map(KpiCases::row)
            .toList();
    Optional<String> kpi =
        drill.get() instanceof KpiController.Drilldown.Question.Facets f
            ? Optional.of(f.kpi())
            : Optional.empty();
    Optional<Deviations> deviations =
        drill.get() instanceof KpiController.Drilldown.Question.AtStep at
            ? Optional.of(
                new Deviations(
                    at.step(), at.reason(), KpiController.Drilldown.deviations(rollup, at)))
            : Optional.empty();
    return new Drill.Listed(
        protocol, kpi, deviations, week, question.query().window(), ids.size(), rows);
  }

  private static Row row(StoredCase stored) {
    return new Row(
        stored.kase().id(),
        stored.kase().subject(),
        stored.kase().status().key(),
        stored.kase().createdAt());
  }
}
