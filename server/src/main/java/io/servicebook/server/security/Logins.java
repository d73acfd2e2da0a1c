package io.servicebook.server.security;

import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Service;

/**
 * Signing in with a user name and password, throttled per source address and per account: the one
 * place where a sign-in is decided, so a second factor or a federated login joins here.
 */
@Service
public class Logins {

  /** What a source address is called when the request did not tell. */
  static final String UNKNOWN_SOURCE = "unknown";

  private final UserAccounts accounts;
  private final LoginThrottle throttle;

  Logins(UserAccounts accounts, LoginThrottle throttle) {
    this.accounts = accounts;
    this.throttle = throttle;
  }

  /** What a sign-in came to. */
  public sealed interface Outcome {

    /** The password is the user's. */
    record SignedIn(UserAccounts.User user) implements Outcome {}

    /** The user name and password do not match (also for a name that is no account). */
    record WrongPassword() implements Outcome {}

    /**
     * Too many failures from this address or for this account: try again after {@code retryAfter}.
     */
    record Throttled(Duration retryAfter) implements Outcome {}

    /** The account is locked after too many failures; no password is checked until then. */
    record Locked(Instant until) implements Outcome {}
  }

  /**
   * Checks the password unless the source or the account has to wait; a failure is counted,
   * audited, and may lock the account.
   */
  public Outcome signIn(String username, String password, String source) {
    String name = clip(username == null ? "" : username.strip(), 100);
    String from = source == null || source.isBlank() ? UNKNOWN_SOURCE : clip(source.strip(), 64);
    var refusal = throttle.refusal(name, from);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    if (accounts.checkPassword(name, password == null ? "" : password)) {
      throttle.succeeded(name, from);
      return new Outcome.SignedIn(accounts.find(name).orElseThrow());
    }
    return throttle.failed(name, from);
  }

  private static String clip(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length);
  }
}
