package io.servicebook.server.admin;

import io.servicebook.server.console.TokenRow;
import io.servicebook.server.security.ApiTokens;
import io.servicebook.server.security.TokenScope;
import io.servicebook.server.security.UserAccounts;
import io.servicebook.server.web.ConsolePage;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin/tokens}, for admins: every user's API tokens with owner, scopes, state, creation,
 * expiry and last use (noted at most once a minute, see {@link ApiTokens}); revoke any, and make
 * one for a user (shown once). Audited by {@link ApiTokens}, as the API and command line are.
 */
@Controller
@ConsolePage
@PreAuthorize("hasRole('ADMIN')")
class TokensPageController {

  /** The most tokens the page lists; the API and {@code servicebook user tokens} have all. */
  static final int SHOWN = 500;

  private final ApiTokens tokens;
  private final UserAccounts accounts;
  private final Clock clock;

  TokensPageController(ApiTokens tokens, UserAccounts accounts, Clock clock) {
    this.tokens = tokens;
    this.accounts = accounts;
    this.clock = clock;
  }

  @GetMapping("/admin/tokens")
  String page(@RequestParam(defaultValue = "") String user, Model model) {
    Instant now = clock.instant();
    List<ApiTokens.Token> shown = user.isBlank() ? tokens.all(SHOWN) : tokens.of(user.strip());
    model.addAttribute("tokens", shown.stream().map(t -> TokenRow.of(t, now)).toList());
    model.addAttribute("filter", user.strip());
    model.addAttribute(
        "users",
        accounts.all().stream()
            .filter(UserAccounts.Listed::active)
            .map(u -> u.user().username())
            .toList());
    model.addAttribute("scopes", TokenRow.scopeKeys());
    model.addAttribute("expiries", TokenRow.EXPIRIES);
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", Map.of());
      model.addAttribute("errors", Map.of());
    }
    return "admin-tokens";
  }

  @PostMapping("/admin/tokens")
  String create(
      @RequestParam(defaultValue = "") String user,
      @RequestParam(defaultValue = "") String name,
      @RequestParam(name = "scope", required = false) List<String> scopeKeys,
      @RequestParam(defaultValue = "") String expires,
      Principal me,
      Model model,
      RedirectAttributes flash) {
    Map<String, String> errors = new LinkedHashMap<>();
    Optional<UserAccounts.User> owner = accounts.find(user.strip());
    if (owner.isEmpty() || accounts.deactivated(owner.get().username())) {
      errors.put("user", "people.tokens.error.user");
    }
    if (name.isBlank() || name.strip().length() > 100) {
      errors.put("name", "tokens.error.name");
    }
    Set<TokenScope> scopes = EnumSet.noneOf(TokenScope.class);
    for (String key : scopeKeys == null ? List.<String>of() : scopeKeys) {
      Optional<TokenScope> scope = TokenScope.of(key);
      if (scope.isEmpty()) {
        errors.put("scope", "tokens.error.scope");
      }
      scope.ifPresent(scopes::add);
    }
    if (scopes.isEmpty()) {
      errors.put("scope", "tokens.error.scope");
    }
    if (!TokenRow.EXPIRIES.contains(expires)) {
      errors.put("expires", "tokens.error.expires");
    }
    if (!errors.isEmpty()) {
      model.addAttribute(
          "form",
          Map.of(
              "user",
              user,
              "name",
              name,
              "scopes",
              scopeKeys == null ? List.of() : scopeKeys,
              "expires",
              expires));
      model.addAttribute("errors", errors);
      return page("", model);
    }
    ApiTokens.Issued issued =
        tokens.issue(owner.get(), name.strip(), scopes, tokens.expiry(expires), me.getName());
    flash.addFlashAttribute("issuedName", issued.token().name());
    flash.addFlashAttribute("issuedOwner", issued.token().username());
    flash.addFlashAttribute("issuedSecret", issued.secret());
    return "redirect:/admin/tokens";
  }

  @PostMapping("/admin/tokens/{id}/revoke")
  String revoke(@PathVariable long id, Principal me, RedirectAttributes flash) {
    switch (tokens.revoke(id, me.getName())) {
      case ApiTokens.Revocation.Revoked revoked ->
          flash.addFlashAttribute("revokedName", revoked.token().name());
      case ApiTokens.Revocation.AlreadyRevoked already ->
          flash.addFlashAttribute("revokedName", already.token().name());
      case ApiTokens.Revocation.NotFound missing ->
          flash.addFlashAttribute("error", "people.tokens.error.notFound");
    }
    return "redirect:/admin/tokens";
  }
}
