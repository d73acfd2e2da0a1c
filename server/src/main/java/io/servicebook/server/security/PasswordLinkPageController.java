package io.servicebook.server.security;

import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /password/set/{token}}: the page a set-password link opens, without signing in. The link's
 * holder chooses a password that must pass the policy; then the link is used up and they sign in.
 * An unknown, used or expired link is answered 404 with a page saying to ask an admin for a new
 * one.
 */
@Controller
class PasswordLinkPageController {

  private final PasswordLinks links;
  private final PasswordPolicy policy;
  private final MessageSource messages;

  PasswordLinkPageController(PasswordLinks links, PasswordPolicy policy, MessageSource messages) {
    this.links = links;
    this.policy = policy;
    this.messages = messages;
  }

  @GetMapping("/password/set/{token}")
  ModelAndView page(@PathVariable String token) {
    return links
        .holder(token)
        .map(user -> form(token, user.username(), List.of(), HttpStatus.OK))
        .orElseGet(PasswordLinkPageController::invalid);
  }

  @PostMapping("/password/set/{token}")
  ModelAndView set(
      @PathVariable String token,
      @RequestParam(name = "new", defaultValue = "") String chosen,
      @RequestParam(defaultValue = "") String repeat,
      Locale locale) {
    var user = links.holder(token);
    if (user.isEmpty()) {
      return invalid();
    }
    if (!chosen.equals(repeat)) {
      return form(
          token,
          user.get().username(),
          List.of(messages.getMessage("password.error.repeat", null, locale)),
          HttpStatus.BAD_REQUEST);
    }
    return switch (links.redeem(token, chosen)) {
      case PasswordLinks.Outcome.Set set -> {
        ModelAndView done = new ModelAndView("password-link");
        done.addObject("done", true);
        done.addObject("username", set.user().username());
        yield done;
      }
      case PasswordLinks.Outcome.Refused refused ->
          form(
              token,
              user.get().username(),
              refused.violations().stream()
                  .map(
                      v ->
                          messages.getMessage(
                              "password.rule." + v.rule(), v.values().toArray(), locale))
                  .toList(),
              HttpStatus.BAD_REQUEST);
      case PasswordLinks.Outcome.Invalid gone -> invalid();
    };
  }

  private ModelAndView form(
      String token, String username, List<String> problems, HttpStatus status) {
    ModelAndView page = new ModelAndView("password-link", status);
    page.addObject("token", token);
    page.addObject("username", username);
    page.addObject("minLength", policy.minLength());
    if (!problems.isEmpty()) {
      page.addObject("problems", problems);
    }
    return page;
  }

  private static ModelAndView invalid() {
    ModelAndView page = new ModelAndView("password-link", HttpStatus.NOT_FOUND);
    page.addObject("invalid", true);
    return page;
  }
}
