package io.servicebook.server;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * A real OpenID provider for tests: Spring Authorization Server in a small context of its own on a
 * free port, with a login form, users whose ID tokens carry an e-mail address and groups, and one
 * confidential client that must use PKCE.
 */
final class OidcProvider implements AutoCloseable {

  static final String CLIENT_ID = "servicebook";
  static final String CLIENT_SECRET = "servicebook-client-secret";

  /** A person at the provider: their password and what the ID token says of them. */
  record Person(String password, Map<String, Object> claims) {}

  private final ConfigurableApplicationContext context;
  final String issuer;

  private OidcProvider(ConfigurableApplicationContext context) {
    this.context = context;
    this.issuer = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
  }

  /** Starts the provider with these people (by user name). */
  static OidcProvider start(Map<String, Person> people) {
    SpringApplication application = new SpringApplication(Provider.class);
    application.setDefaultProperties(
        Map.of(
            "server.port", 0,
            "spring.config.name", "oidc-test-provider",
            "spring.main.banner-mode", "off"));
    ApplicationContextInitializer<GenericApplicationContext> withPeople =
        context ->
            context.registerBeanDefinition(
                "people",
                BeanDefinitionBuilder.genericBeanDefinition(People.class, () -> new People(people))
                    .getBeanDefinition());
    application.addInitializers(withPeople);
    return new OidcProvider(application.run());
  }

  /** Registers Servicebook as a client whose callback is at {@code servicebookBase}. */
  void register(String servicebookBase) {
    context
        .getBean(InMemoryRegisteredClientRepository.class)
        .save(
            RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(CLIENT_ID)
                .clientSecret("{noop}" + CLIENT_SECRET)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(servicebookBase + "/login/oauth2/code/oidc")
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .scope(OidcScopes.EMAIL)
                .clientSettings(
                    ClientSettings.builder()
                        .requireAuthorizationConsent(false)
                        .requireProofKey(true)
                        .build())
                .build());
  }

  @Override
  public void close() {
    context.close();
  }

  record People(Map<String, Person> byName) {}

  // not @Configuration: the server's component scan would take it into every server under test
  @EnableWebSecurity
  @ImportAutoConfiguration({
    TomcatServletWebServerAutoConfiguration.class,
    DispatcherServletAutoConfiguration.class,
    SecurityFilterAutoConfiguration.class
  })
  static class Provider {

    @Bean
    @Order(1)
    SecurityFilterChain protocol(HttpSecurity http) throws Exception {
      http.oauth2AuthorizationServer(
              server -> {
                http.securityMatcher(server.getEndpointsMatcher());
                server.oidc(Customizer.withDefaults());
              })
          .authorizeHttpRequests(a -> a.anyRequest().authenticated())
          .exceptionHandling(
              e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")));
      return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain signIn(HttpSecurity http) throws Exception {
      return http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
          .formLogin(Customizer.withDefaults())
          .build();
    }

    @Bean
    UserDetailsService users(People people) {
      return new InMemoryUserDetailsManager(
          people.byName().entrySet().stream()
              .map(
                  p ->
                      User.withUsername(p.getKey())
                          .password("{noop}" + p.getValue().password())
                          .roles("USER")
                          .build())
              .toList());
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> idTokenClaims(People people) {
      return context -> {
        if ("id_token".equals(context.getTokenType().getValue())) {
          Person person = people.byName().get(context.getPrincipal().getName());
          context.getClaims().claims(claims -> claims.putAll(person.claims()));
        }
      };
    }

    @Bean
    InMemoryRegisteredClientRepository clients() {
      // one placeholder: the repository refuses to start empty; the test registers Servicebook
      return new InMemoryRegisteredClientRepository(
          List.of(
              RegisteredClient.withId("placeholder")
                  .clientId("placeholder")
                  .clientSecret("{noop}placeholder")
                  .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                  .build()));
    }

    @Bean
    JWKSource<SecurityContext> keys() throws NoSuchAlgorithmException {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      RSAKey key =
          new RSAKey.Builder((RSAPublicKey) pair.getPublic())
              .privateKey((RSAPrivateKey) pair.getPrivate())
              .keyID(UUID.randomUUID().toString())
              .build();
      return new ImmutableJWKSet<>(new JWKSet(key));
    }

    @Bean
    JwtDecoder accessTokens(JWKSource<SecurityContext> keys) {
      return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
    }

    @Bean
    AuthorizationServerSettings settings() {
      return AuthorizationServerSettings.builder().build();
    }
  }
}
