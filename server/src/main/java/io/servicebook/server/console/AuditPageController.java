package io.servicebook.server.console;

import io.servicebook.server.audit.AuditChecks;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/** {@code /admin/audit}, for admins: the latest check of the audit trail and "Verify now". */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class AuditPageController {

  private final AuditChecks checks;

  AuditPageController(AuditChecks checks) {
    this.checks = checks;
  }

  @GetMapping("/admin/audit")
  String page(Model model) {
    model.addAttribute("result", checks.latest().orElse(null));
    model.addAttribute("running", checks.running());
    return "admin-audit";
  }

  @PostMapping("/admin/audit/verify")
  String verify() {
    checks.checkNow();
    return "redirect:/admin/audit";
  }
}
