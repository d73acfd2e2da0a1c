package io.servicebook.server.security;

import io.servicebook.server.audit.AuditLog;
import java.time.Clock;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signing in through the company's OpenID Connect provider: the provider's subject is found among
 * the linked identities, or on the first sign-in matched to a user by the configured claim (or the
 * user is created, if so configured); roles follow the role claim when one is configured. A
 * deactivated user is refused. Every sign-in and refusal is audited.
 */
@Service
public class FederatedLogins {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final OidcSettings settings;
  private final FederatedIdentityRepository identities;
  private final UserAccounts accounts;
  private final AuditLog audit;
  private final Clock clock;

  FederatedLogins(
      OidcSettings settings,
      FederatedIdentityRepository identities,
      UserAccounts accounts,
      AuditLog audit,
      Clock clock) {
    this.settings = settings;
    this.identities = identities;
    this.accounts = accounts;
    this.audit = audit;
    this.clock = clock;
  }

  /** The name the sign-in page's button shows, when sign-in through a provider is configured. */
  public Optional<String> providerName() {
    return settings.configured() ? Optional.of(settings.providerName()) : Optional.empty();
  }

  /** Who the provider says signed in: its issuer, the subject, and the ID token's claims. */
  record Identity(String issuer, String subject, Map<String, Object> claims) {}

  /** Why a sign-in through the provider was refused: the sign-in page says it in these words. */
  public enum Refusal {
    /** No user is linked or matches, and unknown users are not created. */
    UNKNOWN_USER,
    /** The user name claim is missing, or is an e-mail address the provider has not verified. */
    NO_USERNAME,
    /** The role claim gives no Servicebook role. */
    NO_ROLE,
    /** Another subject of this provider is already linked to the matching user. */
    LINKED_ELSEWHERE,
    DEACTIVATED
  }

  /** What a federated sign-in came to. */
  sealed interface Outcome {
    record SignedIn(UserAccounts.User user) implements Outcome {}

    record Refused(Refusal why) implements Outcome {}
  }

  @Transactional
  Outcome signIn(Identity identity, String source) {
    Optional<String> linked = identities.user(identity.issuer(), identity.subject());
    Optional<UserAccounts.User> user = linked.flatMap(accounts::find);
    boolean first = user.isEmpty();
    if (first) {
      Optional<String> name = username(identity);
      if (name.isEmpty()) {
        return refused(identity, null, Refusal.NO_USERNAME, source);
      }
      user = accounts.find(name.get());
      if (user.isPresent() && identities.linked(user.get().id(), identity.issuer())) {
        // the user is someone else at this provider: an e-mail address or name that moved to
        // another person there must not take over their account
        return refused(identity, user.get().username(), Refusal.LINKED_ELSEWHERE, source);
      }
      if (user.isEmpty()) {
        if (!settings.createsUnknownUsers()) {
          return refused(identity, null, Refusal.UNKNOWN_USER, source);
        }
        Optional<Set<Role>> roles = claimedRoles(identity);
        if (roles.isPresent() && roles.get().isEmpty()) {
          return refused(identity, null, Refusal.NO_ROLE, source);
        }
        user =
            Optional.of(
                switch (accounts.add(
                    name.get(),
                    displayName(identity, name.get()),
                    null,
                    roles.orElse(EnumSet.of(settings.defaultRoleValue())),
                    "oidc")) {
                  case UserAccounts.Added.Created created -> created.user();
                  case UserAccounts.Added.NameTaken taken ->
                      accounts.find(name.get()).orElseThrow();
                });
      }
    }
    if (accounts.deactivated(user.get().username())) {
      return refused(identity, user.get().username(), Refusal.DEACTIVATED, source);
    }
    Optional<Set<Role>> roles = claimedRoles(identity);
    if (roles.isPresent()) {
      if (roles.get().isEmpty()) {
        return refused(identity, user.get().username(), Refusal.NO_ROLE, source);
      }
      user = Optional.of(accounts.setRoles(user.get(), roles.get(), "oidc"));
    }
    if (first) {
      identities.link(identity.issuer(), identity.subject(), user.get().id(), clock.instant());
    } else {
      identities.signedIn(identity.issuer(), identity.subject(), clock.instant());
    }
    Map<String, Object> details = details(identity, source);
    details.put("first", first);
    audit.append(
        "user",
        user.get().username(),
        "login.federated",
        user.get().username(),
        null,
        json(details));
    return new Outcome.SignedIn(user.get());
  }

  private Optional<String> username(Identity identity) {
    String claim = settings.usernameClaim();
    if (!(identity.claims().get(claim) instanceof String value) || value.isBlank()) {
      return Optional.empty();
    }
    if (claim.equals("email") && !Boolean.TRUE.equals(identity.claims().get("email_verified"))) {
      return Optional.empty();
    }
    return Optional.of(value.strip());
  }

  private static String displayName(Identity identity, String username) {
    return identity.claims().get("name") instanceof String name && !name.isBlank()
        ? name.strip()
        : username;
  }

  /** The roles the role claim gives; empty when no role claim is configured. */
  private Optional<Set<Role>> claimedRoles(Identity identity) {
    if (settings.roleClaim() == null) {
      return Optional.empty();
    }
    Object claim = identity.claims().get(settings.roleClaim());
    List<String> values =
        switch (claim) {
          case String one -> List.of(one);
          case Collection<?> many -> many.stream().map(String::valueOf).toList();
          case null, default -> List.of();
        };
    Set<Role> roles = EnumSet.noneOf(Role.class);
    values.forEach(v -> roles.addAll(settings.roles().getOrDefault(v, Set.of())));
    return Optional.of(roles);
  }

  private Outcome refused(Identity identity, String username, Refusal why, String source) {
    Map<String, Object> details = details(identity, source);
    details.put("reason", why.name().toLowerCase(java.util.Locale.ROOT));
    if (username != null) {
      audit.append("user", username, "login.federated-refused", "anonymous", null, json(details));
    } else {
      audit.append("login", source, "login.federated-refused", "anonymous", null, json(details));
    }
    return new Outcome.Refused(why);
  }

  private static Map<String, Object> details(Identity identity, String source) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("issuer", identity.issuer());
    details.put("subject", identity.subject());
    details.put("source", source);
    return details;
  }

  private static String json(Map<String, Object> details) {
    return JSON.writeValueAsString(details);
  }
}
