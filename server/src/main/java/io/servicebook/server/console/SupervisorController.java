package io.servicebook.server.console;

import io.servicebook.server.compensation.Compensations;
import io.servicebook.server.escalation.Escalations;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The supervisor view at {@code /supervisor}: team queues, today's breaches (today in the time zone
 * the browser reported), escalated cases, compensation waiting for approval and each agent's load.
 * Approving or refusing posts here and redirects back with a notice or the reason it failed.
 */
@Controller
class SupervisorController {

  private static final String OVERSEERS = "hasAnyRole('ADMIN', 'SUPERVISOR')";

  /** How many escalations and approvals show before the rest folds away. */
  static final int SHOWN = 5;

  private final SupervisorViewRepository supervision;
  private final Escalations escalations;
  private final Compensations compensations;
  private final Clock clock;

  SupervisorController(
      SupervisorViewRepository supervision,
      Escalations escalations,
      Compensations compensations,
      Clock clock) {
    this.supervision = supervision;
    this.escalations = escalations;
    this.compensations = compensations;
    this.clock = clock;
  }

  @GetMapping("/supervisor")
  @PreAuthorize(OVERSEERS)
  String page(@CookieValue(name = Times.ZONE_COOKIE, required = false) String zone, Model model) {
    Object approvalId = model.getAttribute("approvalId"); // a flash attribute after a decision
    Instant now = clock.instant();
    SupervisorViewRepository.Day day =
        SupervisorViewRepository.Day.of(now, Times.zone(zone, Times.UTC_ZONE));
    List<SupervisorViewRepository.TeamQueue> teams =
        supervision.teams(now, now.plus(Inbox.BREACHING_SOON));
    List<SupervisorViewRepository.Approval> approvals = supervision.approvals();
    model.addAttribute("teams", teams);
    model.addAttribute(
        "openTotal", teams.stream().mapToLong(SupervisorViewRepository.TeamQueue::open).sum());
    model.addAttribute(
        "breachedTotal",
        teams.stream().mapToLong(SupervisorViewRepository.TeamQueue::breached).sum());
    model.addAttribute("day", day);
    model.addAttribute("breaches", supervision.breaches(day));
    model.addAttribute("breachCount", supervision.breachCount(day));
    List<SupervisorViewRepository.Escalated> escalated =
        supervision.escalated(escalations.ladder());
    model.addAttribute("escalatedFirst", first(escalated));
    model.addAttribute("escalatedMore", rest(escalated));
    model.addAttribute("escalatedCount", supervision.escalatedCount(escalations.ladder()));
    model.addAttribute("approvalsFirst", first(approvals));
    model.addAttribute("approvalsMore", rest(approvals));
    model.addAttribute("approvalCount", supervision.approvalCount());
    model.addAttribute(
        "approvalListed", approvals.stream().anyMatch(a -> a.id().equals(approvalId)));
    model.addAttribute(
        "approvalFolded", rest(approvals).stream().anyMatch(a -> a.id().equals(approvalId)));
    model.addAttribute("loads", supervision.loads(now));
    return "supervisor";
  }

  private static <T> List<T> first(List<T> all) {
    return all.subList(0, Math.min(SHOWN, all.size()));
  }

  private static <T> List<T> rest(List<T> all) {
    return all.subList(Math.min(SHOWN, all.size()), all.size());
  }

  @PostMapping("/supervisor/approvals/{id}")
  @PreAuthorize(OVERSEERS)
  String decide(
      @PathVariable String id,
      @RequestParam(defaultValue = "") String decision,
      @RequestParam(defaultValue = "") String reason,
      Principal who,
      RedirectAttributes redirect) {
    redirect.addFlashAttribute("approvalId", id);
    Optional<String> why = Optional.of(reason.strip()).filter(r -> !r.isEmpty());
    boolean approve = decision.equals("approve");
    if (!approve && why.isEmpty()) {
      redirect.addFlashAttribute("approvalError", "supervisor.approval.error.reason");
      return "redirect:/supervisor#approval-" + id;
    }
    Compensations.Verdict verdict =
        approve
            ? compensations.approveBySupervisor(id, why, who.getName())
            : compensations.rejectBySupervisor(id, why.orElseThrow(), who.getName());
    if (verdict.outcome().equals("done")) {
      redirect.addFlashAttribute(
          "notice", approve ? "supervisor.approval.approved" : "supervisor.approval.refused");
      return "redirect:/supervisor#approvals";
    }
    redirect.addFlashAttribute("approvalError", "supervisor.approval.error." + verdict.outcome());
    redirect.addFlashAttribute("approvalReasons", verdict.reasons());
    return "redirect:/supervisor#approval-" + id;
  }
}
