package io.servicebook.server.console;

import io.servicebook.compensation.Money;
import io.servicebook.escalation.EscalationMove;
import io.servicebook.protocol.Priority;
import io.servicebook.server.cases.Cases;
import io.servicebook.server.cases.ConcurrentChange;
import io.servicebook.server.compensation.Compensations;
import io.servicebook.server.escalation.Escalations;
import io.servicebook.server.runs.Runs;
import java.math.BigDecimal;
import java.security.Principal;
import java.time.Clock;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The case page's action forms: escalate, ask for compensation, change priority, assign, switch
 * protocol. Each posts, checks its required reason here, calls the feature's service and redirects
 * back to the case with a notice or the form's error next to it.
 */
@Controller
class CaseActionsController {

  private static final String WORKERS = "hasAnyRole('ADMIN', 'SUPERVISOR', 'AGENT')";

  private final Cases cases;
  private final Escalations escalations;
  private final Compensations compensations;
  private final Runs runs;
  private final CaseActions actions;
  private final Clock clock;

  CaseActionsController(
      Cases cases,
      Escalations escalations,
      Compensations compensations,
      Runs runs,
      CaseActions actions,
      Clock clock) {
    this.cases = cases;
    this.escalations = escalations;
    this.compensations = compensations;
    this.runs = runs;
    this.actions = actions;
    this.clock = clock;
  }

  @PostMapping("/cases/{id}/escalate")
  @PreAuthorize(WORKERS)
  String escalate(
      @PathVariable String id,
      @RequestParam(defaultValue = "") String reason,
      @RequestParam(defaultValue = "") String to,
      Principal who,
      RedirectAttributes redirect) {
    String back = "redirect:/cases/" + id + "#escalate-form";
    if (reason.isBlank()) {
      redirect.addFlashAttribute("escalateError", "escalate.error.reason");
      return back;
    }
    Optional<String> level = Optional.of(to.strip()).filter(t -> !t.isEmpty());
    try {
      switch (escalations.byHand(id, level, reason.strip(), who.getName())) {
        case Escalations.Outcome.CaseNotFound missing ->
            throw new CasePageController.PageNotFound();
        case Escalations.Outcome.Refused refused ->
            redirect.addFlashAttribute(
                "escalateError",
                switch (refused.refusal()) {
                  case EscalationMove.AtTop top -> "escalate.error.top";
                  case EscalationMove.UnknownLevel unknown -> "escalate.error.unknown";
                  default -> "escalate.error.notAbove";
                });
        case Escalations.Outcome.Done done -> redirect.addFlashAttribute("notice", "escalate.done");
      }
    } catch (ConcurrentChange e) {
      redirect.addFlashAttribute("escalateError", "error.concurrent");
    }
    return back;
  }

  @PostMapping("/cases/{id}/compensation")
  @PreAuthorize(WORKERS)
  String compensate(
      @PathVariable String id,
      @RequestParam(defaultValue = "") String amount,
      @RequestParam(defaultValue = "") String reason,
      Principal who,
      RedirectAttributes redirect) {
    String back = "redirect:/cases/" + id + "#compensation-form";
    Optional<BigDecimal> value = amount(amount);
    Optional<String> currency = actions.currency(id);
    String error =
        currency.isEmpty()
            ? "compensation.error.noOffer"
            : value.isEmpty()
                ? "compensation.error.amount"
                : reason.isBlank() ? "compensation.error.reason" : null;
    if (error != null) {
      redirect.addFlashAttribute("compensationError", error);
      redirect.addFlashAttribute("compensationAmount", amount);
      redirect.addFlashAttribute("compensationReason", reason);
      return back;
    }
    Compensations.Answer answer =
        compensations
            .requestByAgent(
                id, new Money(value.get(), currency.get()), reason.strip(), who.getName())
            .orElseThrow(() -> new CasePageController.PageNotFound());
    redirect.addFlashAttribute("compensationAnswer", answer);
    return back;
  }

  @PostMapping("/cases/{id}/priority")
  @PreAuthorize(WORKERS)
  String priority(
      @PathVariable String id,
      @RequestParam(defaultValue = "") String priority,
      @RequestParam(defaultValue = "") String reason,
      Principal who,
      RedirectAttributes redirect) {
    String back = "redirect:/cases/" + id + "#priority-form";
    Optional<Priority> to =
        InboxController.option(Optional.of(priority), Priority.values(), Priority::key);
    if (to.isEmpty() || reason.isBlank()) {
      redirect.addFlashAttribute(
          "priorityError", to.isEmpty() ? "priority.error.choose" : "priority.error.reason");
      return back;
    }
    try {
      cases
          .changeByAgent(
              id,
              who.getName(),
              c -> c.changePriority(to.get(), clock.instant(), who.getName(), reason.strip()))
          .orElseThrow(() -> new CasePageController.PageNotFound());
      redirect.addFlashAttribute("notice", "priority.changed");
    } catch (ConcurrentChange e) {
      redirect.addFlashAttribute("priorityError", "error.concurrent");
    }
    return back;
  }

  @PostMapping("/cases/{id}/assign")
  @PreAuthorize(WORKERS)
  String assign(
      @PathVariable String id,
      @RequestParam(defaultValue = "") String assignee,
      @RequestParam(defaultValue = "") String team,
      @RequestParam(defaultValue = "false") boolean me,
      Principal who,
      RedirectAttributes redirect) {
    String back = "redirect:/cases/" + id + "#assign-form";
    Optional<String> to =
        me ? Optional.of(who.getName()) : Optional.of(assignee.strip()).filter(a -> !a.isEmpty());
    Optional<String> newTeam = Optional.of(team.strip()).filter(t -> !t.isEmpty());
    try {
      cases
          .changeByAgent(
              id,
              who.getName(),
              c ->
                  c.assign(to, me ? c.team() : newTeam.or(c::team), who.getName(), clock.instant()))
          .orElseThrow(() -> new CasePageController.PageNotFound());
      redirect.addFlashAttribute("notice", "assign.changed");
    } catch (ConcurrentChange e) {
      redirect.addFlashAttribute("assignError", "error.concurrent");
    }
    return back;
  }

  @PostMapping("/cases/{id}/protocol")
  @PreAuthorize(WORKERS)
  String switchProtocol(
      @PathVariable String id,
      @RequestParam(defaultValue = "") String protocol,
      @RequestParam(defaultValue = "") String reason,
      Principal who,
      RedirectAttributes redirect) {
    String back = "redirect:/cases/" + id + "#switch-form";
    if (protocol.isBlank() || reason.isBlank()) {
      redirect.addFlashAttribute(
          "switchError", protocol.isBlank() ? "switch.error.choose" : "switch.error.reason");
      return back;
    }
    try {
      switch (runs.switchProtocol(id, protocol.strip(), reason.strip(), who.getName())) {
        case Runs.Switch.CaseNotFound missing -> throw new CasePageController.PageNotFound();
        case Runs.Switch.CaseClosed closed ->
            redirect.addFlashAttribute("switchError", "switch.error.closed");
        case Runs.Switch.UnknownProtocol unknown ->
            redirect.addFlashAttribute("switchError", "switch.error.unknown");
        case Runs.Switch.Switched switched -> {
          redirect.addFlashAttribute("notice", "switch.done");
          return "redirect:/cases/" + id + "#run-panel";
        }
      }
    } catch (ConcurrentChange e) {
      redirect.addFlashAttribute("switchError", "error.concurrent");
    }
    return back;
  }

  /** A positive amount with at most two decimals. */
  private static Optional<BigDecimal> amount(String text) {
    try {
      BigDecimal value = new BigDecimal(text.strip().replace(',', '.'));
      return value.signum() > 0 && value.stripTrailingZeros().scale() <= 2
          ? Optional.of(value)
          : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
