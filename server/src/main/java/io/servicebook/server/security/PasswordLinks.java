package io.servicebook.server.security;

import io.servicebook.server.audit.AuditLog;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Set-password links: an admin makes one for a new user or one whose password is reset; whoever
 * opens it chooses the password. A link works once and until it expires ({@code
 * servicebook.users.password-link-validity}, three days unless set); only the SHA-256 hash of its
 * token is stored, and a new link for the same user ends the earlier ones.
 */
@Service
public class PasswordLinks {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final PasswordLinkRepository links;
  private final UserAccounts accounts;
  private final PasswordPolicy policy;
  private final AuditLog audit;
  private final Clock clock;
  private final Duration validity;

  PasswordLinks(
      PasswordLinkRepository links,
      UserAccounts accounts,
      PasswordPolicy policy,
      AuditLog audit,
      Clock clock,
      @Value("${servicebook.users.password-link-validity:P3D}") Duration validity) {
    if (validity.isNegative() || validity.isZero() || validity.compareTo(Duration.ofDays(30)) > 0) {
      throw new IllegalArgumentException(
          "servicebook.users.password-link-validity must be more than zero and at most P30D, not "
              + validity);
    }
    this.links = links;
    this.accounts = accounts;
    this.policy = policy;
    this.audit = audit;
    this.clock = clock;
    this.validity = validity;
  }

  /** A new link's token (shown once, in the link) and when it stops working. */
  public record Issued(String token, Instant expiresAt) {}

  /** What setting a password through a link did. */
  public sealed interface Outcome {
    record Set(UserAccounts.User user) implements Outcome {}

    /** Unknown, used, superseded or expired: nothing changed. */
    record Invalid() implements Outcome {}

    /** The password breaks the policy; the link still works. */
    record Refused(List<PasswordPolicy.Violation> violations) implements Outcome {}
  }

  /**
   * Makes a link for the user. With {@code clearPassword} (a reset) their current password stops
   * working at once; for a new user there is none yet.
   */
  @Transactional
  public Issued issue(UserAccounts.User user, boolean clearPassword, String actor) {
    Instant now = clock.instant();
    links.endOpenLinks(user.id(), now);
    if (clearPassword) {
      accounts.clearPassword(user.username());
    }
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant expiresAt = now.plus(validity);
    links.insert(user.id(), AuditLog.sha256(token), now, actor, expiresAt);
    audit.append(
        "user",
        user.username(),
        clearPassword ? "user.password-reset" : "user.password-link-created",
        actor,
        null,
        "{\"method\":\"link\",\"expires_at\":\"" + expiresAt + "\"}");
    return new Issued(token, expiresAt);
  }

  /** The user whose link this is, while it works. */
  public Optional<UserAccounts.User> holder(String token) {
    return linkUser(token).flatMap(accounts::find);
  }

  /** Sets the password the link's holder chose; the link is used up only when it is accepted. */
  @Transactional
  public Outcome redeem(String token, String password) {
    Optional<UserAccounts.User> user = holder(token);
    if (user.isEmpty()) {
      return new Outcome.Invalid();
    }
    List<PasswordPolicy.Violation> violations = policy.check(user.get().username(), password);
    if (!violations.isEmpty()) {
      return new Outcome.Refused(violations);
    }
    if (!links.use(AuditLog.sha256(token), clock.instant())) {
      return new Outcome.Invalid();
    }
    return switch (accounts.changePassword(
        user.get().username(), password, user.get().username())) {
      case UserAccounts.PasswordChange.Changed changed -> new Outcome.Set(changed.user());
      case UserAccounts.PasswordChange.Refused refused -> new Outcome.Refused(refused.violations());
      case UserAccounts.PasswordChange.NoSuchUser missing -> new Outcome.Invalid();
    };
  }

  private Optional<String> linkUser(String token) {
    if (token == null || token.isBlank() || token.length() > 100) {
      return Optional.empty();
    }
    return links.holder(AuditLog.sha256(token), clock.instant());
  }
}
