package io.servicebook.server.console;

import io.servicebook.server.audit.AuditChecks;
import io.servicebook.server.audit.AuditSearch;
import io.servicebook.server.audit.AuditVerification;
import io.servicebook.server.web.TimeInput;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /admin/audit}, for admins: the latest check of the audit trail with "Verify now" (and,
 * when broken, each broken chain's row and subject), and the trail searched by subject, actor and
 * time, newest first, a page at a time.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class AuditPageController {

  private static final int PAGE = 50;

  private final AuditChecks checks;
  private final AuditSearch search;

  AuditPageController(AuditChecks checks, AuditSearch search) {
    this.checks = checks;
    this.search = search;
  }

  @GetMapping("/admin/audit")
  String page(
      @RequestParam Map<String, String> params,
      @CookieValue(name = Times.ZONE_COOKIE, required = false) String zoneName,
      Model model) {
    Optional<AuditVerification.Result> latest = checks.latest();
    model.addAttribute("result", latest.orElse(null));
    model.addAttribute(
        "brokenRows",
        latest.stream()
            .flatMap(r -> r.listed().stream())
            .map(AuditVerification.Problem::eventId)
            .filter(Objects::nonNull)
            .collect(Collectors.toSet()));
    model.addAttribute("running", checks.running());
    model.addAttribute("subjectTypes", search.subjectTypes());
    Map<String, String> errors = new LinkedHashMap<>();
    ZoneId zone = Times.zone(zoneName, Times.UTC_ZONE);
    Optional<Instant> from = moment(params, "from", zone, errors);
    Optional<Instant> until = moment(params, "until", zone, errors);
    Optional<Long> before = rowId(params, "before", errors);
    Optional<Long> after = before.isPresent() ? Optional.empty() : rowId(params, "after", errors);
    if (from.isPresent() && until.isPresent() && !until.get().isAfter(from.get())) {
      errors.put("until", "must be after “from”; nothing is between them.");
    }
    model.addAttribute("filter", params);
    model.addAttribute("errors", errors);
    model.addAttribute("zone", zone.getId());
    if (errors.isEmpty()) {
      AuditSearch.Page found =
          search.search(
              new AuditSearch.Query(
                  given(params, "subject_type"),
                  given(params, "subject_id"),
                  given(params, "actor"),
                  from,
                  until,
                  before,
                  after,
                  PAGE));
      model.addAttribute("found", found);
    }
    return "admin-audit";
  }

  @PostMapping("/admin/audit/verify")
  String verify() {
    checks.checkNow();
    return "redirect:/admin/audit";
  }

  private static Optional<String> given(Map<String, String> params, String name) {
    return Optional.ofNullable(params.get(name)).map(String::strip).filter(s -> !s.isEmpty());
  }

  private static Optional<Instant> moment(
      Map<String, String> params, String name, ZoneId zone, Map<String, String> errors) {
    try {
      return given(params, name).map(t -> TimeInput.instantOrLocal(name, t, Optional.of(zone)));
    } catch (TimeInput.Invalid e) {
      errors.put(name, e.getMessage());
      return Optional.empty();
    }
  }

  private static Optional<Long> rowId(
      Map<String, String> params, String name, Map<String, String> errors) {
    Optional<String> text = given(params, name);
    try {
      return text.map(Long::parseLong).filter(id -> id > 0);
    } catch (NumberFormatException e) {
      errors.put(name, "“" + text.orElseThrow() + "” is not a row number; follow the page links.");
      return Optional.empty();
    }
  }
}
