package io.servicebook.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends the console session of a user deactivated since they signed in: their next request finds
 * them signed out, rather than at the end of the session's eight hours.
 */
final class DeactivatedSessions extends OncePerRequestFilter {

  private final UserAccounts accounts;

  DeactivatedSessions(UserAccounts accounts) {
    this.accounts = accounts;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (SecurityContextHolder.getContext().getAuthentication()
            instanceof UsernamePasswordAuthenticationToken signedIn
        && signedIn.isAuthenticated()
        && accounts.deactivated(signedIn.getName())) {
      SecurityContextHolder.clearContext();
      HttpSession session = request.getSession(false);
      if (session != null) {
        session.invalidate();
      }
      response.sendRedirect(request.getContextPath() + "/login");
      return;
    }
    chain.doFilter(request, response);
  }
}
