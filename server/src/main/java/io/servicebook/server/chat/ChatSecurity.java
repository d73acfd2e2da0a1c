package io.servicebook.server.chat;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The widget and its API are public and embedded on other origins: no session, no cookies, no CSRF
 * token (a chat's secret in a header does that job, and starting one takes JSON), CORS for the
 * allowed origins. The demo's shop page is public too, under a strict Content-Security-Policy to
 * show the widget works under one.
 */
@Configuration
@ConditionalOnWebApplication
class ChatSecurity {

  static final String SHOP_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; frame-ancestors 'none'; form-action 'self'";

  @Bean
  @Order(0)
  SecurityFilterChain chat(HttpSecurity http, ChatSettings settings) throws Exception {
    return http.securityMatcher("/chat/api/**", "/chat/widget.js", "/chat/widget.css", "/demo/shop")
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .cors(cors -> cors.configurationSource(cors(settings)))
        .authorizeHttpRequests(a -> a.anyRequest().permitAll())
        .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(SHOP_POLICY)))
        .build();
  }

  private static UrlBasedCorsConfigurationSource cors(ChatSettings settings) {
    CorsConfiguration api = new CorsConfiguration();
    api.setAllowedOriginPatterns(settings.allowedOrigins());
    api.setAllowedMethods(List.of("GET", "POST"));
    api.setAllowedHeaders(List.of("Content-Type", ChatApiController.SECRET, "Last-Event-ID"));
    api.setAllowCredentials(false);
    api.setMaxAge(3600L);
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/chat/api/**", api);
    return source;
  }
}
