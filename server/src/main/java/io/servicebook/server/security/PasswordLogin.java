package io.servicebook.server.security;

import io.servicebook.server.security.Logins.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/** The console's form login: the user name and password go through {@link Logins}. */
@Component
class PasswordLogin implements AuthenticationProvider {

  private final Logins logins;
  private final Clock clock;

  PasswordLogin(Logins logins, Clock clock) {
    this.logins = logins;
    this.clock = clock;
  }

  @Override
  public Authentication authenticate(Authentication attempt) {
    String source =
        attempt.getDetails() instanceof WebAuthenticationDetails details
            ? details.getRemoteAddress()
            : null;
    Object credentials = attempt.getCredentials();
    return switch (logins.signIn(
        attempt.getName(), credentials == null ? null : credentials.toString(), source)) {
      case Outcome.SignedIn signedIn -> {
        var authentication = ConsoleSignIn.authentication(signedIn.user());
        authentication.setDetails(attempt.getDetails());
        yield authentication;
      }
      case Outcome.SecondFactorNeeded needed ->
          throw new SecondStepRequired(needed.user().username(), false);
      case Outcome.EnrolmentNeeded needed ->
          throw new SecondStepRequired(needed.user().username(), true);
      case Outcome.WrongPassword wrong ->
          throw new BadCredentialsException("The user name and password do not match.");
      case Outcome.WrongCode wrong ->
          throw new IllegalStateException(
              "a password sign-in answered with a code's outcome: a bug");
      case Outcome.Deactivated deactivated ->
          throw new DisabledException("The account is deactivated.");
      case Outcome.Throttled throttled ->
          throw new LoginRefusedException(throttled.retryAfter(), Optional.empty());
      case Outcome.Locked locked ->
          throw new LoginRefusedException(
              Duration.between(clock.instant(), locked.until()), Optional.of(locked.until()));
    };
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
