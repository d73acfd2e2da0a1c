package io.servicebook.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends the console session of a user deactivated since they signed in: their next request finds
 * them signed out, rather than at the end of the session's eight hours. A user signed in with a
 * one-time password an admin gave them sees only the password page until they choose their own.
 */
final class DeactivatedSessions extends OncePerRequestFilter {

  /** What a user who must change their password may still reach. */
  private static final List<String> WHILE_CHANGING =
      List.of(
          "/account/password", "/logout", "/login", "/static/", "/webjars/", "/error", "/favicon");

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
        && signedIn.isAuthenticated()) {
      switch (accounts.sessionState(signedIn.getName())) {
        case ENDED -> {
          SecurityContextHolder.clearContext();
          HttpSession session = request.getSession(false);
          if (session != null) {
            session.invalidate();
          }
          response.sendRedirect(request.getContextPath() + "/login");
          return;
        }
        case MUST_CHANGE_PASSWORD -> {
          String path = request.getRequestURI().substring(request.getContextPath().length());
          if (WHILE_CHANGING.stream().noneMatch(path::startsWith)) {
            response.sendRedirect(request.getContextPath() + "/account/password");
            return;
          }
        }
        case ACTIVE -> {
          // carry on
        }
      }
    }
    chain.doFilter(request, response);
  }
}
