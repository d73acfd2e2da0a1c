package io.servicebook.server.security;

import io.servicebook.server.web.Problems;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every {@code /api} call but answering a survey needs an API token (401 without, 403 when the role
 * may not, or its token's scopes do not allow it); health and metrics are open; errors are
 * problem+json. The console's pages have a form login instead, checked by {@link PasswordLogin}
 * (with a second step for a second factor), and a sign-in through an OpenID Connect provider when
 * one is configured ({@link OidcSignIn}).
 */
@Configuration
@EnableMethodSecurity
@ConditionalOnWebApplication
class SecurityConfiguration {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Bean
  @Order(1)
  SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, LocalAccess local) throws Exception {
    return http.securityMatcher("/api/**")
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .addFilterBefore(
            new BearerTokenFilter(tokens, local), UsernamePasswordAuthenticationFilter.class)
        .authorizeHttpRequests(
            a ->
                // a survey's token is its credential: the customer answers without an account
                a.requestMatchers(
                        HttpMethod.POST, "/api/v1/surveys/*/responses", "/api/v1/surveys/*/opt-out")
                    .permitAll()
                    .anyRequest()
                    .access(new TokenScopeAuthorization()))
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(
                        (request, response, ex) ->
                            problem(
                                response,
                                Problems.of(
                                    HttpStatus.UNAUTHORIZED,
                                    "unauthenticated",
                                    "Authentication needed",
                                    "Send an API token as `Authorization: Bearer TOKEN`.")))
                    .accessDeniedHandler(
                        (request, response, ex) ->
                            problem(
                                response,
                                request.getAttribute(TokenScopeAuthorization.REFUSED_SCOPES)
                                        instanceof ApiTokens.Token token
                                    ? Problems.of(
                                        HttpStatus.FORBIDDEN,
                                        "token-scope",
                                        "Not allowed with this token",
                                        "The API token `"
                                            + token.name()
                                            + "` has the scopes "
                                            + token.scopes().stream().map(TokenScope::key).toList()
                                            + ", which do not allow "
                                            + request.getMethod()
                                            + " "
                                            + request.getRequestURI()
                                            + "; use a token with a scope that does (see"
                                            + " docs/security.md).")
                                    : Problems.of(
                                        HttpStatus.FORBIDDEN,
                                        "forbidden",
                                        "Not allowed",
                                        "Your role may not do this."))))
        .build();
  }

  /** What the console's pages may load: only this server's own scripts, styles and images. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " frame-ancestors 'none'; form-action 'self'";

  /**
   * Everything outside /api: the console's pages need a form login (session cookie, CSRF on every
   * form); the login page, static files, health, metrics, the API document, the public knowledge
   * base, survey pages (their token is the credential) and the error page are open.
   */
  @Bean
  @Order(2)
  SecurityFilterChain rest(
      HttpSecurity http,
      ConsoleSignIn signIn,
      OidcSettings oidc,
      FederatedLogins federated,
      UserAccounts accounts)
      throws Exception {
    if (oidc.configured()) {
      http.oauth2Login(new OidcSignIn(oidc, federated, signIn).login());
    }
    return http.authorizeHttpRequests(
            a ->
                a.requestMatchers(
                        "/login",
                        "/login/code",
                        "/login/enrol",
                        "/password/set/*",
                        "/static/**",
                        "/webjars/**",
                        "/actuator/health",
                        "/actuator/health/**",
                        "/actuator/prometheus",
                        "/v3/api-docs",
                        "/v3/api-docs/**",
                        "/v3/api-docs.yaml",
                        "/kb",
                        "/kb/**",
                        "/s/**",
                        "/error",
                        "/favicon.ico")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .addFilterBefore(new DeactivatedSessions(accounts), AuthorizationFilter.class)
        .formLogin(f -> f.loginPage("/login").failureHandler(signIn.passwordFailures()).permitAll())
        .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
        .headers(
            h ->
                h.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                    .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN)))
        .build();
  }

  static void problem(HttpServletResponse response, ProblemDetail problem) throws IOException {
    response.setStatus(problem.getStatus());
    response.setContentType("application/problem+json");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", problem.getType().toString());
    body.put("title", problem.getTitle());
    body.put("status", problem.getStatus());
    body.put("detail", problem.getDetail());
    JSON.writeValue(response.getOutputStream(), body);
  }
}
