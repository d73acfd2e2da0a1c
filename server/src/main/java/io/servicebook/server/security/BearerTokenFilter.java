package io.servicebook.server.security;

import io.servicebook.server.security.ApiTokens.Check;
import io.servicebook.server.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer TOKEN} against the stored token hashes: a valid token
 * signs its user in with the user's roles ({@code ROLE_…}) and the token's scopes ({@code SCOPE_…},
 * checked by {@link TokenScopeAuthorization}); a revoked or expired one is answered 401 here,
 * saying which.
 */
class BearerTokenFilter extends OncePerRequestFilter {

  private final ApiTokens tokens;
  private final LocalAccess local;

  BearerTokenFilter(ApiTokens tokens, LocalAccess local) {
    this.tokens = tokens;
    this.local = local;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      chain.doFilter(request, response);
      return;
    }
    String bearer = header.substring(7).trim();
    if (local.accepts(bearer)) {
      // the running server's own secret (see LocalAccess): only for making an API token
      if (request.getMethod().equals("POST")
          && request.getRequestURI().equals(request.getContextPath() + "/api/v1/tokens")) {
        var authentication =
            UsernamePasswordAuthenticationToken.authenticated(
                LocalAccess.ACTOR,
                null,
                List.of(
                    new SimpleGrantedAuthority("ROLE_" + Role.ADMIN),
                    new SimpleGrantedAuthority("SCOPE_" + TokenScope.ADMIN.key())));
        authentication.setDetails(LocalAccess.TOKEN);
        SecurityContextHolder.getContext().setAuthentication(authentication);
      }
      chain.doFilter(request, response);
      return;
    }
    switch (tokens.check(bearer)) {
      case Check.Valid valid -> {
        List<GrantedAuthority> authorities = new ArrayList<>();
        valid.user().roles().forEach(r -> authorities.add(new SimpleGrantedAuthority("ROLE_" + r)));
        valid
            .token()
            .scopes()
            .forEach(s -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + s.key())));
        var authentication =
            UsernamePasswordAuthenticationToken.authenticated(
                valid.user().username(), null, authorities);
        authentication.setDetails(valid.token());
        SecurityContextHolder.getContext().setAuthentication(authentication);
        chain.doFilter(request, response);
      }
      case Check.Revoked revoked ->
          SecurityConfiguration.problem(
              response,
              Problems.of(
                  HttpStatus.UNAUTHORIZED,
                  "token-revoked",
                  "Token revoked",
                  "The API token `"
                      + revoked.token().name()
                      + "` (id "
                      + revoked.token().id()
                      + ") was revoked at "
                      + revoked.token().revokedAt().orElseThrow()
                      + ". Create a new one (`servicebook user token`, or Account → API tokens)."));
      case Check.Expired expired ->
          SecurityConfiguration.problem(
              response,
              Problems.of(
                  HttpStatus.UNAUTHORIZED,
                  "token-expired",
                  "Token expired",
                  "The API token `"
                      + expired.token().name()
                      + "` (id "
                      + expired.token().id()
                      + ") expired at "
                      + expired.token().expiresAt().orElseThrow()
                      + ". Create a new one (`servicebook user token`, or Account → API tokens)."));
      case Check.Unknown unknown -> chain.doFilter(request, response);
    }
  }
}
