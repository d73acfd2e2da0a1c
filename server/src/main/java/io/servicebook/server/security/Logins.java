package io.servicebook.server.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;

/**
 * Signing in with a user name and password, throttled per source address and per account, and with
 * the second factor of those who have one: the one place where a sign-in is decided. A wrong code
 * counts as a failed sign-in like a wrong password.
 */
@Service
public class Logins {

  /** What a source address is called when the request did not tell. */
  static final String UNKNOWN_SOURCE = "unknown";

  private final UserAccounts accounts;
  private final LoginThrottle throttle;
  private final SecondFactors secondFactors;

  Logins(UserAccounts accounts, LoginThrottle throttle, SecondFactors secondFactors) {
    this.accounts = accounts;
    this.throttle = throttle;
    this.secondFactors = secondFactors;
  }

  /** What a sign-in came to. */
  public sealed interface Outcome {

    /** Whether the password was the user's (a second step may still be needed). */
    default boolean passwordMatched() {
      return false;
    }

    /** The password is the user's, and their second factor's code if they have one. */
    record SignedIn(UserAccounts.User user) implements Outcome {
      @Override
      public boolean passwordMatched() {
        return true;
      }
    }

    /**
     * The password is right and the user has a second factor: {@link #confirm} with its code
     * completes the sign-in. Nothing is signed in yet.
     */
    record SecondFactorNeeded(UserAccounts.User user) implements Outcome {
      @Override
      public boolean passwordMatched() {
        return true;
      }
    }

    /**
     * The password is right but the user's role requires a second factor they have not enrolled:
     * {@link #enrol} with the first code of a new one completes the sign-in.
     */
    record EnrolmentNeeded(UserAccounts.User user) implements Outcome {
      @Override
      public boolean passwordMatched() {
        return true;
      }
    }

    /** The user name and password do not match (also for a name that is no account). */
    record WrongPassword() implements Outcome {}

    /** The second factor's code is wrong, or was used already. */
    record WrongCode(boolean replayed) implements Outcome {}

    /** The password is right, but the account is deactivated. */
    record Deactivated() implements Outcome {}

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
    String from = from(source);
    var refusal = throttle.refusal(name, from);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    if (!accounts.checkPassword(name, password == null ? "" : password)) {
      return throttle.failed(name, from, "password");
    }
    UserAccounts.User user = accounts.find(name).orElseThrow();
    if (accounts.deactivated(name)) {
      return new Outcome.Deactivated();
    }
    // the failures are forgotten only when the second step succeeds too: the right password
    // alone must not clear the count of wrong codes
    if (secondFactors.enrolled(user)) {
      return new Outcome.SecondFactorNeeded(user);
    }
    if (secondFactors.required(user)) {
      return new Outcome.EnrolmentNeeded(user);
    }
    throttle.succeeded(name, from);
    return new Outcome.SignedIn(user);
  }

  /**
   * The second step of a sign-in whose password was right ({@link Outcome.SecondFactorNeeded}):
   * checks a code of the user's authenticator app or a recovery code, throttled and counted like a
   * password.
   */
  public Outcome confirm(String username, String code, String source) {
    String from = from(source);
    var refusal = throttle.refusal(username, from);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    UserAccounts.User user = accounts.find(username).orElseThrow();
    return switch (secondFactors.check(user, code)) {
      case CODE, RECOVERY_CODE -> signedIn(user, from);
      case REPLAYED -> wrongCode(username, from, true);
      case WRONG -> wrongCode(username, from, false);
    };
  }

  /**
   * The second step of a sign-in whose password was right but whose role requires a second factor
   * ({@link Outcome.EnrolmentNeeded}): confirms the enrolment the user began with its first code;
   * {@code recoveryCodes} receives the new recovery codes to show once.
   */
  public Outcome enrol(
      String username, String code, String source, Consumer<List<String>> recoveryCodes) {
    String from = from(source);
    var refusal = throttle.refusal(username, from);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    UserAccounts.User user = accounts.find(username).orElseThrow();
    Optional<List<String>> codes = secondFactors.confirm(user, code);
    if (codes.isEmpty()) {
      return wrongCode(username, from, false);
    }
    recoveryCodes.accept(codes.get());
    return signedIn(user, from);
  }

  private Outcome signedIn(UserAccounts.User user, String from) {
    throttle.succeeded(user.username(), from);
    return new Outcome.SignedIn(user);
  }

  private Outcome wrongCode(String username, String from, boolean replayed) {
    return switch (throttle.failed(username, from, "second-factor")) {
      case Outcome.WrongPassword wrong -> new Outcome.WrongCode(replayed);
      case Outcome other -> other;
    };
  }

  private static String from(String source) {
    return source == null || source.isBlank() ? UNKNOWN_SOURCE : clip(source.strip(), 64);
  }

  private static String clip(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length);
  }
}
