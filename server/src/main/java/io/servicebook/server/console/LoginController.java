package io.servicebook.server.console;

import io.servicebook.server.security.FederatedLoginRefused;
import io.servicebook.server.security.FederatedLogins;
import io.servicebook.server.security.LoginRefusedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Locale;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page; Spring Security takes the form's POST to {@code /login} and leaves why a
 * sign-in failed in the session, so the page can say when to try again. When an identity provider
 * is configured, the page offers to sign in with it.
 */
@Controller
class LoginController {

  static final String LAST_FAILURE = "SPRING_SECURITY_LAST_EXCEPTION";

  private final FederatedLogins federated;

  LoginController(FederatedLogins federated) {
    this.federated = federated;
  }

  @GetMapping("/login")
  String login(HttpServletRequest request, Model model) {
    federated.providerName().ifPresent(name -> model.addAttribute("provider", name));
    HttpSession session = request.getSession(false);
    if (request.getParameter("error") == null || session == null) {
      return "login";
    }
    switch (session.getAttribute(LAST_FAILURE)) {
      case LoginRefusedException refused -> {
        long seconds = Math.max(1, refused.retryAfter().toSeconds());
        model.addAttribute("refusal", refused.lockedUntil().isPresent() ? "locked" : "throttled");
        model.addAttribute("retrySeconds", seconds);
        model.addAttribute("retryMinutes", (seconds + 59) / 60);
      }
      case DisabledException deactivated -> model.addAttribute("refusal", "deactivated");
      case FederatedLoginRefused refused ->
          model.addAttribute("refusal", "oidc." + refused.reason().name().toLowerCase(Locale.ROOT));
      case OAuth2AuthenticationException failed -> model.addAttribute("refusal", "oidc.failed");
      case null, default -> {}
    }
    return "login";
  }
}
