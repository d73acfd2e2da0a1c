package io.servicebook.server.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.security.core.AuthenticationException;

/**
 * A sign-in refused before its password was checked: the address or the account has to wait, or the
 * account is locked until {@link #lockedUntil()}. The sign-in page says which and for how long.
 */
public final class LoginRefusedException extends AuthenticationException {

  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;
  private final transient Optional<Instant> lockedUntil;

  LoginRefusedException(Duration retryAfter, Optional<Instant> lockedUntil) {
    super(
        lockedUntil
            .map(until -> "The account is locked until " + until + ".")
            .orElse("Too many failed sign-ins; try again in " + retryAfter.toSeconds() + " s."));
    this.retryAfter = retryAfter;
    this.lockedUntil = lockedUntil;
  }

  /** How long to wait before trying again. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** When the account's lockout ends, if it is locked (rather than throttled). */
  public Optional<Instant> lockedUntil() {
    return lockedUntil;
  }
}
