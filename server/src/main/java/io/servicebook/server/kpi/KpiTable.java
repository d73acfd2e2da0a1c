package io.servicebook.server.kpi;

import io.servicebook.kpi.GroupKey;
import io.servicebook.kpi.KpiValues;
import io.servicebook.kpi.Rollup;
import io.servicebook.sla.SlaTarget;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A report as the API answers it: the numbers of a group as JSON members, and the same numbers as a
 * CSV table, one row per group. Times are business seconds unless named {@code wall}; shares are
 * from 0 to 1; a number without data is null (an empty CSV cell).
 */
final class KpiTable {

  /** How the numbers of one group are named and ordered; nested maps become CSV columns a_b. */
  static Map<String, Object> numbers(KpiValues v) {
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("cases", v.cases());
    n.put("resolved", v.resolutionRate().count());
    n.put("resolution_rate", value(v.resolutionRate()));
    n.put("first_response_p50_seconds", v.firstResponseBusiness().p50().orElse(null));
    n.put("first_response_p90_seconds", v.firstResponseBusiness().p90().orElse(null));
    n.put("first_response_wall_p50_seconds", v.firstResponse().p50().orElse(null));
    n.put("first_response_wall_p90_seconds", v.firstResponse().p90().orElse(null));
    n.put("resolution_p50_seconds", v.resolutionBusiness().p50().orElse(null));
    n.put("resolution_p90_seconds", v.resolutionBusiness().p90().orElse(null));
    n.put("resolution_wall_p50_seconds", v.resolution().p50().orElse(null));
    n.put("resolution_wall_p90_seconds", v.resolution().p90().orElse(null));
    Map<String, Object> sla = new LinkedHashMap<>();
    for (SlaTarget target : SlaTarget.values()) {
      sla.put(target.name().toLowerCase(Locale.ROOT), value(v.slaAttainment().get(target)));
    }
    n.put("sla_attainment", sla);
    n.put("sla_attainment_overall", value(v.slaAttainmentOverall()));
    n.put("first_contact_resolution", value(v.firstContactResolution()));
    n.put("reopen_rate", value(v.reopenRate()));
    n.put("escalation_rate", value(v.escalationRate()));
    n.put("follow_up_completion", value(v.followUpCompletion()));
    n.put("adherence", value(v.adherence()));
    n.put("runs_without_deviation", value(v.runsWithoutDeviation()));
    n.put("csat_avg", v.csatAverage().value().orElse(null));
    n.put("csat_responses", v.csatAverage().n());
    n.put("csat_satisfied_share", value(v.csatSatisfied()));
    n.put("nps", v.nps().value().orElse(null));
    n.put("nps_responses", v.nps().n());
    n.put("ces_avg", v.cesAverage().value().orElse(null));
    n.put("ces_responses", v.cesAverage().n());
    n.put("survey_response_rate", value(v.surveyResponseRate()));
    Map<String, Object> spent = new LinkedHashMap<>();
    v.compensationSpent().forEach((currency, amount) -> spent.put(currency, amount));
    n.put("compensation_spent", spent);
    return n;
  }

  /** The deviations of a group by step and reason, most frequent first per step. */
  static List<Map<String, Object>> deviations(KpiValues v) {
    return v.deviationReasons().stream()
        .map(
            r -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("step", r.step());
              m.put("reason", r.reason().orElse(null));
              m.put("count", r.count());
              return m;
            })
        .toList();
  }

  /** A group's key as the API shows it: its values joined by {@code |}, or {@code all}. */
  static String key(GroupKey key) {
    return key.values().isEmpty() ? "all" : String.join("|", key.values());
  }

  /** The CSV table of a report: a header row, then one row per group (RFC 4180). */
  static String csv(KpiReports.Report report) {
    Map<String, Rollup> rows = new LinkedHashMap<>();
    if (report.slicing().by().isEmpty()) {
      rows.put("all", report.overall());
    } else {
      report.groups().forEach((key, rollup) -> rows.put(key(key), rollup));
    }
    List<String> header = new ArrayList<>();
    header.add(
        report.slicing().by().isEmpty()
            ? "group"
            : report.slicing().by().stream().map(d -> d.key()).collect(Collectors.joining("|")));
    List<String> columns = columns(numbers(report.overall().kpis()), "", new ArrayList<>());
    header.addAll(columns);
    StringBuilder csv = new StringBuilder(line(header));
    rows.forEach(
        (key, rollup) -> {
          Map<String, Object> flat = flat(numbers(rollup.kpis()), "", new LinkedHashMap<>());
          List<String> cells = new ArrayList<>();
          cells.add(key);
          columns.forEach(c -> cells.add(cell(flat.get(c))));
          csv.append(line(cells));
        });
    return csv.toString();
  }

  private static List<String> columns(Map<String, Object> numbers, String prefix, List<String> to) {
    flat(numbers, prefix, new LinkedHashMap<>()).keySet().forEach(to::add);
    return to;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> flat(
      Map<String, Object> numbers, String prefix, Map<String, Object> to) {
    numbers.forEach(
        (name, value) -> {
          if (name.equals("compensation_spent")) {
            // currencies differ between groups: one cell such as "EUR 12.5; USD 3"
            to.put(
                prefix + name,
                ((Map<String, Object>) value)
                    .entrySet().stream()
                        .map(e -> e.getKey() + " " + cell(e.getValue()))
                        .collect(Collectors.joining("; ")));
          } else if (value instanceof Map<?, ?> nested) {
            flat((Map<String, Object>) nested, prefix + name + "_", to);
          } else {
            to.put(prefix + name, value);
          }
        });
    return to;
  }

  private static String cell(Object value) {
    return switch (value) {
      case null -> "";
      case BigDecimal d -> d.toPlainString();
      default -> value.toString();
    };
  }

  /** One CSV record: cells with a comma, quote or line break are quoted, quotes doubled. */
  static String line(List<String> cells) {
    return cells.stream().map(KpiTable::quoted).collect(Collectors.joining(",")) + "\r\n";
  }

  private static String quoted(String cell) {
    if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
      return "\"" + cell.replace("\"", "\"\"") + "\"";
    }
    return cell;
  }

  private static Object value(KpiValues.Share share) {
    return share.value().orElse(null);
  }

  private KpiTable() {}
}
