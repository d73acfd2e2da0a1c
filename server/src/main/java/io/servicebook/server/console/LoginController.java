package io.servicebook.server.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page; Spring Security takes the form's POST to {@code /login}. */
@Controller
class LoginController {

  @GetMapping("/login")
  String login() {
    return "login";
  }
}
