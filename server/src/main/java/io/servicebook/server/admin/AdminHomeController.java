package io.servicebook.server.admin;

import io.servicebook.server.web.ConsolePage;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /admin}, for admins: the sections of the administration, one card each. */
@Controller
@ConsolePage
@PreAuthorize("hasRole('ADMIN')")
class AdminHomeController {

  /** A section: its id (also the key of its texts) and where it lives. */
  record Section(String id, String path) {}

  static final List<Section> SECTIONS =
      List.of(
          new Section("users", "/admin/users"),
          new Section("teams", "/admin/teams"),
          new Section("tokens", "/admin/tokens"),
          new Section("budgets", "/admin/budgets"),
          new Section("calendars", "/admin/calendars"),
          new Section("mailboxes", "/admin/mailboxes"),
          new Section("audit", "/admin/audit"));

  @GetMapping("/admin")
  String page(Model model) {
    model.addAttribute("sections", SECTIONS);
    return "admin";
  }
}
