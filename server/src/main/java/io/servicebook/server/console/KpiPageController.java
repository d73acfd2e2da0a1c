package io.servicebook.server.console;

import io.servicebook.server.kpi.KpiCases;
import io.servicebook.server.kpi.KpiDashboards;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /kpis}: the KPI dashboard for the people who answer for the protocols, its tables as CSV
 * ({@code /kpis/weeks.csv}) and the cases behind its numbers ({@code /kpis/cases}: by {@code
 * facet}, or by {@code step} and {@code reason} for the deviations of its heatmap).
 */
@Controller
@PreAuthorize(KpiPageController.LEADS)
class KpiPageController {

  static final String LEADS = "hasAnyRole('ADMIN', 'SUPERVISOR', 'AUTHOR', 'REVIEWER')";

  private final KpiDashboards dashboards;
  private final KpiCases cases;

  KpiPageController(KpiDashboards dashboards, KpiCases cases) {
    this.dashboards = dashboards;
    this.cases = cases;
  }

  @GetMapping("/kpis")
  String dashboard(@RequestParam Optional<String> protocol, Model model) {
    KpiDashboards.Dashboard dashboard = dashboardOf(protocol);
    model.addAttribute("dashboard", dashboard);
    model.addAttribute("charts", dashboards.charts(dashboard));
    return "kpis";
  }

  @GetMapping("/kpis/{table}.csv")
  ResponseEntity<String> csv(@PathVariable String table, @RequestParam Optional<String> protocol) {
    KpiDashboards.Dashboard dashboard = dashboardOf(protocol);
    String csv = dashboards.csv(dashboard, table).orElseThrow(CasePageController.PageNotFound::new);
    String name = "kpis-" + table + "-" + dashboard.protocol().orElse("all") + ".csv";
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
        .body(csv);
  }

  @GetMapping("/kpis/cases")
  String cases(
      @RequestParam Optional<String> protocol,
      @RequestParam(required = false) String facet,
      @RequestParam(required = false) String step,
      @RequestParam(required = false) String reason,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam Optional<String> week,
      Model model,
      HttpServletResponse response) {
    switch (cases.of(asked(protocol), facet, step, reason, from, to, asked(week))) {
      case KpiCases.Drill.Listed listed -> model.addAttribute("listed", listed);
      case KpiCases.Drill.Refused refused -> {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("refused", refused);
      }
    }
    return "kpi-cases";
  }

  private KpiDashboards.Dashboard dashboardOf(Optional<String> protocol) {
    return dashboards.of(asked(protocol)).orElseThrow(CasePageController.PageNotFound::new);
  }

  private static Optional<String> asked(Optional<String> parameter) {
    return parameter.map(String::strip).filter(p -> !p.isEmpty());
  }
}
