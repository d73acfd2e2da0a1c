package io.servicebook.server.security;

import io.servicebook.server.web.DatabaseOutage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.stereotype.Component;

/**
 * Makes a console session signed in, the same way whichever path led there (password, password and
 * code, identity provider): the session gets a new id and a new CSRF token, and holds the user's
 * name and roles.
 */
@Component
public class ConsoleSignIn {

  private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
  private final SecurityContextHolderStrategy holder =
      SecurityContextHolder.getContextHolderStrategy();
  private final CsrfAuthenticationStrategy csrf =
      new CsrfAuthenticationStrategy(new HttpSessionCsrfTokenRepository());
  private final Clock clock;

  ConsoleSignIn(Clock clock) {
    this.clock = clock;
  }

  /** The authentication of a signed-in user: their name and {@code ROLE_} per role. */
  static UsernamePasswordAuthenticationToken authentication(UserAccounts.User user) {
    return UsernamePasswordAuthenticationToken.authenticated(
        user.username(),
        null,
        user.roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList());
  }

  /** Signs the user in on this request's session, which gets a new id. */
  public void signIn(
      UserAccounts.User user, HttpServletRequest request, HttpServletResponse response) {
    Authentication authentication = authentication(user);
    request.getSession();
    request.changeSessionId();
    PendingSignIn.forget(request.getSession(false));
    csrf.onAuthentication(authentication, request, response);
    SecurityContext context = holder.createEmptyContext();
    context.setAuthentication(authentication);
    holder.setContext(context);
    contexts.saveContext(context, request, response);
  }

  /**
   * The form login's failure handler: a right password whose sign-in needs a second step goes to
   * that step's page with a {@link PendingSignIn} in the session; every other failure to {@code
   * /login?error}, as before.
   */
  AuthenticationFailureHandler passwordFailures() {
    var failed = new SimpleUrlAuthenticationFailureHandler("/login?error");
    return (request, response, exception) -> {
      if (DatabaseOutage.causes(exception)) {
        // not a false "wrong password": the console's "database unavailable" page
        response.setHeader("Retry-After", String.valueOf(DatabaseOutage.RETRY_AFTER.toSeconds()));
        response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        return;
      }
      if (exception instanceof SecondStepRequired second) {
        new PendingSignIn(second.username(), clock.instant(), second.enrol())
            .keep(request.getSession());
        redirect(request, response, second.enrol() ? "/login/enrol" : "/login/code");
        return;
      }
      PendingSignIn.forget(request.getSession(false));
      failed.onAuthenticationFailure(request, response, exception);
    };
  }

  private static void redirect(
      HttpServletRequest request, HttpServletResponse response, String path) throws IOException {
    response.sendRedirect(request.getContextPath() + path);
  }
}
