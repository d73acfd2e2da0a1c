package io.servicebook.server.security;

import io.servicebook.server.web.Problems;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/tokens}: everyone lists, makes and revokes their own API tokens; admins anyone's
 * ({@code ?user=NAME}, {@code "user"}). Making and revoking needs a token of scope {@code admin}.
 */
@RestController
@RequestMapping("/api/v1/tokens")
class TokenController {

  private final ApiTokens tokens;
  private final UserAccounts accounts;
  private final Clock clock;

  TokenController(ApiTokens tokens, UserAccounts accounts, Clock clock) {
    this.tokens = tokens;
    this.accounts = accounts;
    this.clock = clock;
  }

  @GetMapping
  ResponseEntity<?> list(
      @RequestParam(name = "user", required = false) String user, Authentication who) {
    String owner = user == null || user.isBlank() ? who.getName() : user.strip();
    if (!mayManage(owner, who)) {
      return othersForbidden();
    }
    return ResponseEntity.ok(Map.of("items", tokens.of(owner).stream().map(this::view).toList()));
  }

  @PostMapping
  ResponseEntity<?> create(@RequestBody Map<String, Object> body, Authentication who) {
    List<Map<String, String>> errors = new ArrayList<>();
    String owner = text(body, "user", errors).orElse(who.getName());
    String name = text(body, "name", errors).orElse("");
    if (name.isBlank() || name.length() > 100) {
      errors.add(error("name", "needs 1 to 100 characters: what the token is for"));
    }
    Set<TokenScope> scopes = scopes(body.get("scopes"), errors);
    Optional<java.time.Instant> expiresAt = Optional.empty();
    try {
      expiresAt = tokens.expiry(text(body, "expires", errors).orElse(null));
    } catch (IllegalArgumentException e) {
      errors.add(error("expires", e.getMessage()));
    }
    if (!errors.isEmpty()) {
      return ResponseEntity.badRequest()
          .body(
              withErrors(
                  Problems.of(
                      HttpStatus.BAD_REQUEST,
                      "invalid-token-request",
                      "The token request is not valid",
                      errors.size() + " field(s) need attention; nothing was created."),
                  errors));
    }
    if (!mayManage(owner, who)) {
      return othersForbidden();
    }
    Optional<UserAccounts.User> user = accounts.find(owner);
    if (user.isEmpty()) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND)
          .body(
              Problems.of(
                  HttpStatus.NOT_FOUND,
                  "user-not-found",
                  "User not found",
                  "There is no user `" + owner + "`."));
    }
    ApiTokens.Issued issued = tokens.issue(user.get(), name, scopes, expiresAt, who.getName());
    Map<String, Object> answer = view(issued.token());
    answer.put("secret", issued.secret());
    return ResponseEntity.status(HttpStatus.CREATED).body(answer);
  }

  @DeleteMapping("/{id}")
  ResponseEntity<?> revoke(@PathVariable String id, Authentication who) {
    Optional<ApiTokens.Token> token = number(id).flatMap(tokens::find);
    if (token.isEmpty() || !mayManage(token.get().username(), who)) {
      // someone else's token is not found either: its existence is not theirs to learn
      return ResponseEntity.status(HttpStatus.NOT_FOUND)
          .body(
              Problems.of(
                  HttpStatus.NOT_FOUND,
                  "token-not-found",
                  "Token not found",
                  "You have no API token `" + id + "`."));
    }
    return switch (tokens.revoke(token.get().id(), who.getName())) {
      case ApiTokens.Revocation.Revoked revoked -> ResponseEntity.ok(view(revoked.token()));
      case ApiTokens.Revocation.AlreadyRevoked already -> ResponseEntity.ok(view(already.token()));
      case ApiTokens.Revocation.NotFound missing ->
          ResponseEntity.status(HttpStatus.NOT_FOUND)
              .body(
                  Problems.of(
                      HttpStatus.NOT_FOUND,
                      "token-not-found",
                      "Token not found",
                      "You have no API token `" + id + "`."));
    };
  }

  private static boolean mayManage(String owner, Authentication who) {
    return owner.equals(who.getName())
        || who.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN"));
  }

  private static ResponseEntity<?> othersForbidden() {
    return ResponseEntity.status(HttpStatus.FORBIDDEN)
        .body(
            Problems.of(
                HttpStatus.FORBIDDEN,
                "forbidden",
                "Not allowed",
                "Only admins manage other users' API tokens."));
  }

  Map<String, Object> view(ApiTokens.Token token) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", token.id());
    view.put("user", token.username());
    view.put("name", token.name());
    view.put("scopes", token.scopes().stream().map(TokenScope::key).sorted().toList());
    view.put("state", token.state(clock.instant()));
    view.put("created_at", token.createdAt().toString());
    view.put("expires_at", token.expiresAt().map(Object::toString).orElse(null));
    view.put("last_used_at", token.lastUsedAt().map(Object::toString).orElse(null));
    view.put("revoked_at", token.revokedAt().map(Object::toString).orElse(null));
    return view;
  }

  private static Optional<String> text(
      Map<String, Object> body, String field, List<Map<String, String>> errors) {
    Object value = body.get(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String s)) {
      errors.add(error(field, "must be a string"));
      return Optional.empty();
    }
    return Optional.of(s.strip());
  }

  private static Set<TokenScope> scopes(Object value, List<Map<String, String>> errors) {
    Set<TokenScope> scopes = EnumSet.noneOf(TokenScope.class);
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      errors.add(error("scopes", "needs a list of one or more of: " + TokenScope.keys()));
      return scopes;
    }
    for (int i = 0; i < list.size(); i++) {
      Optional<TokenScope> scope =
          list.get(i) instanceof String s ? TokenScope.of(s) : Optional.empty();
      if (scope.isEmpty()) {
        errors.add(
            error(
                "scopes[" + i + "]",
                "`" + list.get(i) + "` is not a scope; use one of: " + TokenScope.keys()));
      } else {
        scopes.add(scope.get());
      }
    }
    return scopes;
  }

  private static Optional<Long> number(String id) {
    try {
      return Optional.of(Long.parseLong(id));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Map<String, String> error(String field, String message) {
    return Map.of("field", field, "message", message);
  }

  private static org.springframework.http.ProblemDetail withErrors(
      org.springframework.http.ProblemDetail problem, List<Map<String, String>> errors) {
    problem.setProperty("errors", errors);
    return problem;
  }
}
