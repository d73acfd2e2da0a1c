package io.servicebook.server.security;

import io.servicebook.server.web.Problems;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every {@code /api} call but answering a survey needs an API token (401 without, 403 when the role
 * may not); health and metrics are open; errors are problem+json. The console's pages have a form
 * login instead.
 */
@Configuration
@EnableMethodSecurity
@ConditionalOnWebApplication
class SecurityConfiguration {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Bean
  @Order(1)
  SecurityFilterChain api(HttpSecurity http, UserAccounts accounts) throws Exception {
    return http.securityMatcher("/api/**")
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .addFilterBefore(
            new BearerTokenFilter(accounts), UsernamePasswordAuthenticationFilter.class)
        .authorizeHttpRequests(
            a ->
                // a survey's token is its credential: the customer answers without an account
                a.requestMatchers(
                        HttpMethod.POST, "/api/v1/surveys/*/responses", "/api/v1/surveys/*/opt-out")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
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
                                Problems.of(
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
  SecurityFilterChain rest(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(
            a ->
                a.requestMatchers(
                        "/login",
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
        .formLogin(f -> f.loginPage("/login").permitAll())
        .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
        .headers(
            h ->
                h.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                    .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN)))
        .build();
  }

  private static void problem(HttpServletResponse response, ProblemDetail problem)
      throws IOException {
    response.setStatus(problem.getStatus());
    response.setContentType("application/problem+json");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", problem.getType().toString());
    body.put("title", problem.getTitle());
    body.put("status", problem.getStatus());
    body.put("detail", problem.getDetail());
    JSON.writeValue(response.getOutputStream(), body);
  }

  /** Users for the console's form login: the same accounts as the API tokens'. */
  @Bean
  UserDetailsService users(JdbcClient jdbc) {
    return username ->
        jdbc.sql("SELECT username, password_hash, roles FROM app_user WHERE username = :u")
            .param("u", username)
            .query(
                (rs, n) ->
                    User.withUsername(rs.getString(1))
                        .password(rs.getString(2) == null ? "{unusable}" : rs.getString(2))
                        .roles(
                            Arrays.stream(rs.getString(3).split(","))
                                .filter(r -> !r.isBlank())
                                .map(r -> r.trim().toUpperCase(Locale.ROOT))
                                .toArray(String[]::new))
                        .build())
            .optional()
            .orElseThrow(() -> new UsernameNotFoundException("no user " + username));
  }
}
