package io.servicebook.server.security;

import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A sign-in whose password was right and whose second step (a code, or enrolling a second factor)
 * is still to come. It lives only in the session, as this attribute, never as an authentication:
 * nothing but the second step's page sees it, and it lapses after {@link #LIFETIME}.
 */
public record PendingSignIn(String username, Instant since, boolean enrol) implements Serializable {

  static final String ATTRIBUTE = PendingSignIn.class.getName();

  /** How long the second step may take (scanning a code into a new app takes a while). */
  public static final Duration LIFETIME = Duration.ofMinutes(10);

  /** The session's pending sign-in, if it has one that has not lapsed at {@code now}. */
  public static Optional<PendingSignIn> of(HttpSession session, Instant now) {
    if (session == null
        || !(session.getAttribute(ATTRIBUTE) instanceof PendingSignIn pending)
        || now.isAfter(pending.since().plus(LIFETIME))) {
      return Optional.empty();
    }
    return Optional.of(pending);
  }

  void keep(HttpSession session) {
    session.setAttribute(ATTRIBUTE, this);
  }

  /** Ends the pending sign-in (signed in, or given up). */
  public static void forget(HttpSession session) {
    if (session != null) {
      session.removeAttribute(ATTRIBUTE);
    }
  }
}
