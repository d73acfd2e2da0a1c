package io.servicebook.server.compensation;

import io.servicebook.server.compensation.CompensationRequests.BudgetSetting;
import io.servicebook.server.compensation.CompensationRequests.Read;
import io.servicebook.server.console.ConsolePage;
import io.servicebook.server.web.TimeInput;
import java.security.Principal;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
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
  private final Compensations compensations;

  BudgetPageController(BudgetBoard board, Compensations compensations) {
    this.board = board;
    this.compensations = compensations;
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
    return set(form.get("team"), form.get("month"), form, who, redirect)
        .map(
            errors -> {
              model.addAttribute("form", form);
              model.addAttribute("errors", errors);
              return month(back, model);
            })
        .orElseGet(() -> "redirect:/admin/budgets?month=" + back);
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
      Map<String, String> form = new LinkedHashMap<>();
      detail
          .figures()
          .map(BudgetBoard.Figures::budget)
          .or(detail::previous)
          .ifPresent(
              b -> {
                form.put("amount", CompensationViews.amount(b.amount().amount()));
                form.put("currency", b.amount().currency());
              });
      model.addAttribute("form", form);
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
    return set(team, month, form, who, redirect)
        .map(
            errors -> {
              model.addAttribute("form", form);
              model.addAttribute("errors", errors);
              return detail(team, month, model);
            })
        .orElseGet(() -> "redirect:" + detailPath(team, month));
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
      case BudgetBoard.RolledOver.Done done -> {
        switch (done.set()) {
          case Compensations.BudgetSet.Set set ->
              notice(redirect, "budgets.rolledOver", team, done.from().month(), target);
          case Compensations.BudgetSet.CurrencyTaken taken ->
              redirect.addFlashAttribute("problem", currencyTaken(team, target, taken.currency()));
          case Compensations.BudgetSet.BelowSpent below ->
              redirect.addFlashAttribute("problem", belowSpent(team, target, below));
        }
      }
      case BudgetBoard.RolledOver.AlreadySet already ->
          notice(redirect, "budgets.alreadySet", team, target, target);
      case BudgetBoard.RolledOver.NothingBefore none ->
          notice(redirect, "budgets.nothingBefore", team, target, target);
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

  /** Sets the budget; the errors by field when it is refused, nothing when it was set. */
  private Optional<Map<String, String>> set(
      String team,
      String month,
      Map<String, String> form,
      Principal who,
      RedirectAttributes redirect) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("amount", form.get("amount"));
    body.put("currency", form.get("currency"));
    Map<String, String> errors = new LinkedHashMap<>();
    switch (CompensationRequests.budget(team, month, body)) {
      case Read.Invalid<BudgetSetting> invalid ->
          invalid
              .errors()
              .forEach(e -> errors.merge(e.field(), e.message(), (a, b) -> a + " " + b));
      case Read.Valid<BudgetSetting> valid -> {
        BudgetSetting setting = valid.value();
        try {
          switch (compensations.setBudget(setting, who.getName())) {
            case Compensations.BudgetSet.Set set ->
                notice(redirect, "budgets.saved", setting.team(), setting.month(), setting.month());
            case Compensations.BudgetSet.CurrencyTaken taken ->
                errors.put(
                    "currency", currencyTaken(setting.team(), setting.month(), taken.currency()));
            case Compensations.BudgetSet.BelowSpent below ->
                errors.put("amount", belowSpent(setting.team(), setting.month(), below));
          }
        } catch (DuplicateKeyException meanwhile) {
          errors.put(
              "amount", "Someone set this budget at the same moment; look at it and try again.");
        }
      }
    }
    return errors.isEmpty() ? Optional.empty() : Optional.of(errors);
  }

  private static String currencyTaken(String team, YearMonth month, String currency) {
    return "The team "
        + team
        + " already granted compensation in "
        + currency
        + " in "
        + month
        + "; set the budget in "
        + currency
        + ".";
  }

  private static String belowSpent(
      String team, YearMonth month, Compensations.BudgetSet.BelowSpent below) {
    return "The team "
        + team
        + " already granted "
        + below.spent()
        + " in "
        + month
        + "; the budget cannot be less than that.";
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

  private static String detailPath(String team, String month) {
    return "/admin/budgets/" + UriUtils.encodePathSegment(team, "UTF-8") + "/" + month;
  }
}
