package io.servicebook.server.console;

import io.servicebook.server.kpi.KpiDashboards;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code /kpis}: the KPI dashboard for the people who answer for the protocols. */
@Controller
class KpiPageController {

  private final KpiDashboards dashboards;

  KpiPageController(KpiDashboards dashboards) {
    this.dashboards = dashboards;
  }

  @GetMapping("/kpis")
  @PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR', 'AUTHOR', 'REVIEWER')")
  String dashboard(@RequestParam Optional<String> protocol, Model model) {
    Optional<String> asked = protocol.map(String::strip).filter(p -> !p.isEmpty());
    model.addAttribute(
        "dashboard", dashboards.of(asked).orElseThrow(CasePageController.PageNotFound::new));
    return "kpis";
  }
}
