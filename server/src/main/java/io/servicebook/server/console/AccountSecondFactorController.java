package io.servicebook.server.console;

import io.servicebook.server.security.SecondFactors;
import io.servicebook.server.security.UserAccounts;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /account/2fa}: the signed-in user sets up a second factor (an authenticator app, confirmed
 * with its first code), sees how many recovery codes are left and makes new ones; the recovery
 * codes are shown once, after the redirect.
 */
@Controller
class AccountSecondFactorController {

  private final SecondFactors secondFactors;
  private final UserAccounts accounts;

  AccountSecondFactorController(SecondFactors secondFactors, UserAccounts accounts) {
    this.secondFactors = secondFactors;
    this.accounts = accounts;
  }

  @GetMapping("/account/2fa")
  String page(Principal me, Model model) {
    UserAccounts.User user = user(me);
    SecondFactors.Status status = secondFactors.status(user);
    model.addAttribute("status", status);
    if (!status.enrolled()) {
      secondFactors.pending(user).ifPresent(e -> model.addAttribute("enrolment", e));
    }
    return "second-factor";
  }

  @PostMapping("/account/2fa/begin")
  String begin(Principal me, RedirectAttributes flash) {
    if (secondFactors.begin(user(me)).isEmpty()) {
      flash.addFlashAttribute("problem", "already");
    }
    return "redirect:/account/2fa";
  }

  @PostMapping("/account/2fa/confirm")
  String confirm(
      @RequestParam(defaultValue = "") String code, Principal me, RedirectAttributes flash) {
    Optional<List<String>> codes = secondFactors.confirm(user(me), code);
    if (codes.isEmpty()) {
      flash.addFlashAttribute("problem", "wrong");
    } else {
      flash.addFlashAttribute("recoveryCodes", codes.get());
    }
    return "redirect:/account/2fa";
  }

  @PostMapping("/account/2fa/recovery-codes")
  String renew(Principal me, RedirectAttributes flash) {
    secondFactors
        .renewRecoveryCodes(user(me))
        .ifPresent(codes -> flash.addFlashAttribute("recoveryCodes", codes));
    return "redirect:/account/2fa";
  }

  private UserAccounts.User user(Principal me) {
    return accounts
        .find(me.getName())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the signed-in user `" + me.getName() + "` has no account: a bug"));
  }
}
