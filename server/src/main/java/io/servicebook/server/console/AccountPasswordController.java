package io.servicebook.server.console;

import io.servicebook.server.security.Logins;
import io.servicebook.server.security.PasswordPolicy;
import io.servicebook.server.security.UserAccounts;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /account/password}: the signed-in user changes their password. The current one is checked
 * like a sign-in (so guessing it here is throttled too); the new one must pass the password policy,
 * and the page says which rule it broke.
 */
@Controller
class AccountPasswordController {

  private final Logins logins;
  private final UserAccounts accounts;
  private final PasswordPolicy policy;
  private final MessageSource messages;

  AccountPasswordController(
      Logins logins, UserAccounts accounts, PasswordPolicy policy, MessageSource messages) {
    this.logins = logins;
    this.accounts = accounts;
    this.policy = policy;
    this.messages = messages;
  }

  @GetMapping("/account/password")
  String page(Principal me, Model model) {
    model.addAttribute("minLength", policy.minLength());
    model.addAttribute("mustChange", mustChange(me));
    return "password";
  }

  @PostMapping("/account/password")
  String change(
      @RequestParam(defaultValue = "") String current,
      @RequestParam(name = "new", defaultValue = "") String chosen,
      @RequestParam(defaultValue = "") String repeat,
      Principal me,
      HttpServletRequest request,
      Locale locale,
      Model model,
      RedirectAttributes flash) {
    model.addAttribute("minLength", policy.minLength());
    model.addAttribute("mustChange", mustChange(me));
    // a second factor is not asked again: the user is signed in with it already
    if (!logins.signIn(me.getName(), current, request.getRemoteAddr()).passwordMatched()) {
      model.addAttribute("problems", List.of(text("password.error.current", List.of(), locale)));
      return "password";
    }
    if (!chosen.equals(repeat)) {
      model.addAttribute("problems", List.of(text("password.error.repeat", List.of(), locale)));
      return "password";
    }
    return switch (accounts.changePassword(me.getName(), chosen, me.getName())) {
      case UserAccounts.PasswordChange.Changed changed -> {
        flash.addFlashAttribute("changed", true);
        yield "redirect:/account/password";
      }
      case UserAccounts.PasswordChange.Refused refused -> {
        model.addAttribute(
            "problems",
            refused.violations().stream()
                .map(v -> text("password.rule." + v.rule(), v.values(), locale))
                .toList());
        yield "password";
      }
      case UserAccounts.PasswordChange.NoSuchUser missing ->
          throw new IllegalStateException(
              "the signed-in user `" + me.getName() + "` has no account: a bug");
    };
  }

  /** Whether the user signed in with a one-time password and must choose their own first. */
  private boolean mustChange(Principal me) {
    return accounts.sessionState(me.getName()) == UserAccounts.SessionState.MUST_CHANGE_PASSWORD;
  }

  private String text(String key, List<Object> values, Locale locale) {
    return messages.getMessage(key, values.toArray(), locale);
  }
}
