package io.servicebook.server.security;

import org.springframework.security.core.AuthenticationException;

/**
 * The password was right, and the sign-in goes on to a second page: the code of the user's second
 * factor, or enrolling one. Not an error for the user: the form login's failure handler sends them
 * to that page with a {@link PendingSignIn}.
 */
final class SecondStepRequired extends AuthenticationException {

  private static final long serialVersionUID = 1L;

  private final String username;
  private final boolean enrol;

  SecondStepRequired(String username, boolean enrol) {
    super(enrol ? "A second factor must be enrolled." : "The second factor's code is needed.");
    this.username = username;
    this.enrol = enrol;
  }

  String username() {
    return username;
  }

  boolean enrol() {
    return enrol;
  }
}
