package io.servicebook.server.security;

import io.servicebook.server.web.Problems;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code DELETE /api/v1/users/{name}/second-factor}: an admin resets a user's second factor (the
 * user lost their phone and their recovery codes); audited. The user signs in with the password
 * alone next, or sets up a new second factor if their role requires one.
 */
@RestController
class SecondFactorController {

  private final SecondFactors secondFactors;
  private final UserAccounts accounts;

  SecondFactorController(SecondFactors secondFactors, UserAccounts accounts) {
    this.secondFactors = secondFactors;
    this.accounts = accounts;
  }

  @DeleteMapping("/api/v1/users/{name}/second-factor")
  @PreAuthorize("hasRole('ADMIN')")
  ResponseEntity<?> reset(@PathVariable String name, Authentication who) {
    var user = accounts.find(name);
    if (user.isEmpty()) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND)
          .body(
              Problems.of(
                  HttpStatus.NOT_FOUND,
                  "user-not-found",
                  "No such user",
                  "There is no user `" + name + "`; nothing was reset."));
    }
    boolean had = secondFactors.reset(user.get(), who.getName());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("user", user.get().username());
    body.put("second_factor", had ? "reset" : "none");
    return ResponseEntity.ok(body);
  }
}
