package io.servicebook.server.console;

import io.servicebook.server.security.ApiTokens;
import io.servicebook.server.security.TokenScope;
import io.servicebook.server.security.UserAccounts;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /account/tokens}: the signed-in user's own API tokens — listed, made (the token shown
 * once, after the redirect) and revoked. Other users' tokens are the admins' business (CLI, API).
 */
@Controller
class AccountTokensController {

  private final ApiTokens tokens;
  private final UserAccounts accounts;
  private final Clock clock;

  AccountTokensController(ApiTokens tokens, UserAccounts accounts, Clock clock) {
    this.tokens = tokens;
    this.accounts = accounts;
    this.clock = clock;
  }

  @GetMapping("/account/tokens")
  String page(Principal me, Model model) {
    Instant now = clock.instant();
    model.addAttribute(
        "tokens", tokens.of(me.getName()).stream().map(t -> TokenRow.of(t, now)).toList());
    model.addAttribute("scopes", TokenRow.scopeKeys());
    model.addAttribute("expiries", TokenRow.EXPIRIES);
    return "tokens";
  }

  @PostMapping("/account/tokens")
  String create(
      @RequestParam(defaultValue = "") String name,
      @RequestParam(name = "scope", required = false) List<String> scopes,
      @RequestParam(defaultValue = "P90D") String expires,
      Principal me,
      RedirectAttributes flash) {
    Set<TokenScope> wanted = EnumSet.noneOf(TokenScope.class);
    for (String key : scopes == null ? List.<String>of() : scopes) {
      TokenScope.of(key).ifPresent(wanted::add);
    }
    if (name.isBlank() || name.length() > 100) {
      flash.addFlashAttribute("error", "tokens.error.name");
      return "redirect:/account/tokens";
    }
    if (wanted.isEmpty()) {
      flash.addFlashAttribute("error", "tokens.error.scope");
      return "redirect:/account/tokens";
    }
    if (!TokenRow.EXPIRIES.contains(expires)) {
      flash.addFlashAttribute("error", "tokens.error.expires");
      return "redirect:/account/tokens";
    }
    Optional<Instant> expiresAt = tokens.expiry(expires);
    UserAccounts.User user = accounts.find(me.getName()).orElseThrow();
    ApiTokens.Issued issued = tokens.issue(user, name.strip(), wanted, expiresAt, me.getName());
    flash.addFlashAttribute("issuedName", issued.token().name());
    flash.addFlashAttribute("issuedSecret", issued.secret());
    return "redirect:/account/tokens";
  }

  @PostMapping("/account/tokens/{id}/revoke")
  String revoke(@PathVariable long id, Principal me, RedirectAttributes flash) {
    Optional<ApiTokens.Token> mine = tokens.find(id).filter(t -> t.username().equals(me.getName()));
    if (mine.isEmpty()) {
      flash.addFlashAttribute("error", "tokens.error.notFound");
      return "redirect:/account/tokens";
    }
    tokens.revoke(id, me.getName());
    flash.addFlashAttribute("revokedName", mine.get().name());
    return "redirect:/account/tokens";
  }
}
