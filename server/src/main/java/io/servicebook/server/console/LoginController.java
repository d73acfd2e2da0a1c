package io.servicebook.server.console;

import io.servicebook.server.security.LoginRefusedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page; Spring Security takes the form's POST to {@code /login} and leaves why a
 * sign-in failed in the session, so the page can say when to try again.
 */
@Controller
class LoginController {

  static final String LAST_FAILURE = "SPRING_SECURITY_LAST_EXCEPTION";

  @GetMapping("/login")
  String login(HttpServletRequest request, Model model) {
    HttpSession session = request.getSession(false);
    if (request.getParameter("error") != null
        && session != null
        && session.getAttribute(LAST_FAILURE) instanceof LoginRefusedException refused) {
      long seconds = Math.max(1, refused.retryAfter().toSeconds());
      model.addAttribute("refusal", refused.lockedUntil().isPresent() ? "locked" : "throttled");
      model.addAttribute("retrySeconds", seconds);
      model.addAttribute("retryMinutes", (seconds + 59) / 60);
    }
    return "login";
  }
}
