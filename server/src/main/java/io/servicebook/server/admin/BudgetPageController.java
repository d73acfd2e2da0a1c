package io.servicebook.server.admin;

import io.servicebook.server.compensation.BudgetBoard;
import io.servicebook.server.web.ConsolePage;
import io.servicebook.server.web.TimeInput;
import java.security.Principal;
import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * {@code /admin/budgets}, for admins: every team's compensation budget for a month with what is
 * spent, reserved and left; a team's month with its ledger; setting a budget (each bad field said
 * next to it, nothing stored) and rolling the last one over to a new month. Changes go through the
 * same service as {@code PUT /api/v1/budgets/{team}/{month}} and are audited there.
 */
@Controller
@ConsolePage
@PreAuthorize("hasRole('ADMIN')")
class BudgetPageController {

  private final BudgetBoard board;

  BudgetPageController(BudgetBoard board) {
    this.board = board;
  }

  @GetMapping("/admin/budgets")
  String page(@RequestParam Optional<String> month, Model model) {
    YearMonth shown = board.currentMonth();
    if (month.isPresent() && !month.get().isBlank()) {
      try {
        shown = TimeInput.month("month", month.get());
      } catch (TimeInput.Invalid e) {
        model.addAttribute("monthError", e.getMessage());
      }
    }
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", Map.of());
      model.addAttribute("errors", Map.of());
    }
    return month(shown, model);
  }

  @PostMapping("/admin/budgets")
  String set(
      @RequestParam Map<String, String> form,
      Principal who,
      Model model,
      RedirectAttributes redirect) {
    YearMonth back = monthOr(form.get("month"), board.currentMonth());
    Map<String, String> errors =
        board.set(
            form.get("team"),
            form.get("month"),
            form.get("amount"),
            form.get("currency"),
            who.getName());
    if (!errors.isEmpty()) {
      model.addAttribute("form", form);
      model.addAttribute("errors", errors);
      return month(back, model);
    }
    notice(redirect, "budgets.saved", form.get("team").strip(), back, back);
    return "redirect:/admin/budgets?month=" + back;
  }

  @GetMapping("/admin/budgets/{team}/{month}")
  String detail(@PathVariable String team, @PathVariable String month, Model model) {
    YearMonth shown;
    try {
      shown = TimeInput.month("month", month);
    } catch (TimeInput.Invalid e) {
      return "redirect:/admin/budgets";
    }
    BudgetBoard.Detail detail = board.detail(team, shown);
    model.addAttribute("detail", detail);
    model.addAttribute("current", board.currentMonth());
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", board.formOf(detail));
      model.addAttribute("errors", Map.of());
    }
    return "admin-budget";
  }

  @PostMapping("/admin/budgets/{team}/{month}")
  String change(
      @PathVariable String team,
      @PathVariable String month,
      @RequestParam Map<String, String> form,
      Principal who,
      Model model,
      RedirectAttributes redirect) {
    Map<String, String> errors =
        board.set(team, month, form.get("amount"), form.get("currency"), who.getName());
    if (!errors.isEmpty()) {
      model.addAttribute("form", form);
      model.addAttribute("errors", errors);
      return detail(team, month, model);
    }
    YearMonth changed = monthOr(month, board.currentMonth());
    notice(redirect, "budgets.saved", team, changed, changed);
    return "redirect:/admin/budgets/" + UriUtils.encodePathSegment(team, "UTF-8") + "/" + month;
  }

  @PostMapping("/admin/budgets/{team}/{month}/roll-over")
  String rollOver(
      @PathVariable String team,
      @PathVariable String month,
      Principal who,
      RedirectAttributes redirect) {
    YearMonth target;
    try {
      target = TimeInput.month("month", month);
    } catch (TimeInput.Invalid e) {
      redirect.addFlashAttribute("problem", e.getMessage());
      return "redirect:/admin/budgets";
    }
    switch (board.rollOver(team, target, who.getName())) {
      case BudgetBoard.RolledOver.Done done ->
          notice(redirect, "budgets.rolledOver", team, done.from(), target);
      case BudgetBoard.RolledOver.AlreadySet already ->
          notice(redirect, "budgets.alreadySet", team, target, target);
      case BudgetBoard.RolledOver.NothingBefore none ->
          notice(redirect, "budgets.nothingBefore", team, target, target);
      case BudgetBoard.RolledOver.Refused refused ->
          redirect.addFlashAttribute("problem", refused.why());
    }
    return "redirect:/admin/budgets?month="
        + target
        + "#budget-"
        + UriUtils.encodeFragment(team, "UTF-8");
  }

  private String month(YearMonth month, Model model) {
    model.addAttribute("month", month);
    model.addAttribute("current", board.currentMonth());
    model.addAttribute("lines", board.month(month));
    return "admin-budgets";
  }

  private static void notice(
      RedirectAttributes redirect, String key, String team, YearMonth from, YearMonth to) {
    redirect.addFlashAttribute("notice", key);
    redirect.addFlashAttribute("noticeTeam", team);
    redirect.addFlashAttribute("noticeFrom", from.toString());
    redirect.addFlashAttribute("noticeTo", to.toString());
  }

  private static YearMonth monthOr(String text, YearMonth otherwise) {
    try {
      return text == null ? otherwise : TimeInput.month("month", text);
    } catch (TimeInput.Invalid e) {
      return otherwise;
    }
  }
}
