package io.servicebook.server.console;

import io.servicebook.server.security.Role;
import io.servicebook.server.security.UserAccounts;
import io.servicebook.server.web.ConsolePage;
import java.security.Principal;
import java.util.Locale;
import java.util.Set;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Who is signed in, for the header of every console page: the pages of this package and those of
 * the controllers marked {@link ConsolePage}.
 */
@ControllerAdvice(basePackageClasses = SignedIn.class, annotations = ConsolePage.class)
class SignedIn {

  private final UserAccounts accounts;

  SignedIn(UserAccounts accounts) {
    this.accounts = accounts;
  }

  /** The signed-in user as the pages show them; supervisors see the approval queue. */
  record Me(String username, String displayName, Set<Role> roles) {

    public boolean oversees() {
      return roles.contains(Role.SUPERVISOR) || roles.contains(Role.ADMIN);
    }

    /** The first letter of the name, for the avatar. */
    public String initial() {
      return displayName.isBlank() ? "" : displayName.substring(0, 1).toUpperCase(Locale.ROOT);
    }

    public boolean works() {
      return oversees() || roles.contains(Role.AGENT);
    }

    /** Writes protocols: the editor, new protocols and pack uploads. */
    public boolean authors() {
      return roles.contains(Role.AUTHOR) || roles.contains(Role.ADMIN);
    }

    /** Answers for how the protocols work: sees the KPI dashboard. */
    public boolean measures() {
      return oversees() || authors() || reviews();
    }

    /** Runs the server: sees the audit trail's checks. */
    public boolean administers() {
      return roles.contains(Role.ADMIN);
    }

    /** Publishes other people's drafts. */
    public boolean reviews() {
      return roles.contains(Role.REVIEWER) || roles.contains(Role.ADMIN);
    }
  }

  @ModelAttribute("me")
  Me me(Principal principal) {
    if (principal == null) {
      return null;
    }
    return accounts
        .find(principal.getName())
        .map(u -> new Me(u.username(), u.displayName(), u.roles()))
        .orElseGet(() -> new Me(principal.getName(), principal.getName(), Set.of()));
  }
}
