package io.servicebook.server.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * The one place where a token's scopes are enforced: an {@code /api} request passes when it is
 * authenticated and one of its token's {@link TokenScope scopes} permits its method and path; the
 * user's roles are checked after, by each operation, so the rights are the two's intersection.
 */
class TokenScopeAuthorization implements AuthorizationManager<RequestAuthorizationContext> {

  /** Set on a request refused for its token's scopes, so the 403 can say so. */
  static final String REFUSED_SCOPES = TokenScopeAuthorization.class.getName() + ".refused";

  @Override
  public AuthorizationResult authorize(
      Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
    Authentication who = authentication.get();
    if (who == null || !who.isAuthenticated() || !(who.getDetails() instanceof ApiTokens.Token)) {
      return new AuthorizationDecision(false);
    }
    ApiTokens.Token token = (ApiTokens.Token) who.getDetails();
    HttpServletRequest request = context.getRequest();
    String path = request.getRequestURI().substring(request.getContextPath().length());
    boolean permitted = token.scopes().stream().anyMatch(s -> s.permits(request.getMethod(), path));
    if (!permitted) {
      request.setAttribute(REFUSED_SCOPES, token);
    }
    return new AuthorizationDecision(permitted);
  }
}
