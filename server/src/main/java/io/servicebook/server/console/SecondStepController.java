package io.servicebook.server.console;

import io.servicebook.server.security.ConsoleSignIn;
import io.servicebook.server.security.Logins;
import io.servicebook.server.security.PendingSignIn;
import io.servicebook.server.security.SecondFactors;
import io.servicebook.server.security.UserAccounts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The second page of a sign-in whose password was right: {@code /login/code} asks for the code of
 * the user's authenticator app (or a recovery code); {@code /login/enrol} sets up a second factor
 * for a user whose role requires one. Until this page succeeds, the session is not signed in.
 */
@Controller
class SecondStepController {

  private final Logins logins;
  private final SecondFactors secondFactors;
  private final UserAccounts accounts;
  private final ConsoleSignIn console;
  private final Clock clock;

  SecondStepController(
      Logins logins,
      SecondFactors secondFactors,
      UserAccounts accounts,
      ConsoleSignIn console,
      Clock clock) {
    this.logins = logins;
    this.secondFactors = secondFactors;
    this.accounts = accounts;
    this.console = console;
    this.clock = clock;
  }

  @GetMapping("/login/code")
  String codePage(HttpServletRequest request) {
    return pending(request, false).isPresent() ? "login-code" : "redirect:/login";
  }

  @PostMapping("/login/code")
  String code(
      @RequestParam(defaultValue = "") String code,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    Optional<PendingSignIn> pending = pending(request, false);
    if (pending.isEmpty()) {
      return "redirect:/login";
    }
    return answer(
        logins.confirm(pending.get().username(), code, request.getRemoteAddr()),
        "login-code",
        request,
        response,
        model);
  }

  @GetMapping("/login/enrol")
  String enrolPage(HttpServletRequest request, Model model) {
    Optional<PendingSignIn> pending = pending(request, true);
    if (pending.isEmpty()) {
      return "redirect:/login";
    }
    return enrolment(pending.get(), model);
  }

  @PostMapping("/login/enrol")
  String enrol(
      @RequestParam(defaultValue = "") String code,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      RedirectAttributes flash) {
    Optional<PendingSignIn> pending = pending(request, true);
    if (pending.isEmpty()) {
      return "redirect:/login";
    }
    Logins.Outcome outcome =
        logins.enrol(
            pending.get().username(),
            code,
            request.getRemoteAddr(),
            codes -> flash.addFlashAttribute("recoveryCodes", codes));
    if (outcome instanceof Logins.Outcome.SignedIn signedIn) {
      console.signIn(signedIn.user(), request, response);
      return "redirect:/account/2fa";
    }
    String page = answer(outcome, "login-enrol", request, response, model);
    return page.equals("login-enrol") ? enrolment(pending.get(), model) : page;
  }

  private String enrolment(PendingSignIn pending, Model model) {
    UserAccounts.User user = accounts.find(pending.username()).orElseThrow();
    Optional<SecondFactors.Enrolment> enrolment =
        secondFactors.pending(user).or(() -> secondFactors.begin(user));
    if (enrolment.isEmpty()) {
      // enrolled meanwhile (in another tab): the code is asked instead
      return "redirect:/login";
    }
    model.addAttribute("enrolment", enrolment.get());
    return "login-enrol";
  }

  private String answer(
      Logins.Outcome outcome,
      String page,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    switch (outcome) {
      case Logins.Outcome.SignedIn signedIn -> {
        console.signIn(signedIn.user(), request, response);
        return "redirect:/";
      }
      case Logins.Outcome.WrongCode wrong ->
          model.addAttribute("problem", wrong.replayed() ? "replayed" : "wrong");
      case Logins.Outcome.Throttled throttled -> {
        model.addAttribute("problem", "throttled");
        model.addAttribute("retrySeconds", Math.max(1, throttled.retryAfter().toSeconds()));
      }
      case Logins.Outcome.Locked locked -> {
        long seconds = Math.max(1, Duration.between(clock.instant(), locked.until()).toSeconds());
        model.addAttribute("problem", "locked");
        model.addAttribute("retryMinutes", (seconds + 59) / 60);
      }
      default ->
          throw new IllegalStateException(
              "a second step answered " + outcome + ", which only a password gives: a bug");
    }
    return page;
  }

  private Optional<PendingSignIn> pending(HttpServletRequest request, boolean enrol) {
    return PendingSignIn.of(request.getSession(false), clock.instant())
        .filter(p -> p.enrol() == enrol);
  }
}
