package io.servicebook.server.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.client.OAuth2LoginConfigurer;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The console's sign-in through an OpenID Connect provider: the authorization code flow with PKCE
 * (Spring Security's {@code oauth2Login}); the provider's user becomes a Servicebook user through
 * {@link FederatedLogins}, and the session is then signed in as a password sign-in's is. The
 * provider's metadata is read at the first sign-in, not at start-up, so the server starts while the
 * provider is away.
 */
final class OidcSignIn {

  private static final Logger LOG = LoggerFactory.getLogger(OidcSignIn.class);

  private final OidcSettings settings;
  private final FederatedLogins logins;
  private final ConsoleSignIn console;
  private final ClientRegistrationRepository registrations;
  private final OidcUserService provider = new OidcUserService();
  private final HttpSessionOAuth2AuthorizedClientRepository tokens =
      new HttpSessionOAuth2AuthorizedClientRepository();

  OidcSignIn(OidcSettings settings, FederatedLogins logins, ConsoleSignIn console) {
    this.settings = settings;
    this.logins = logins;
    this.console = console;
    this.registrations = new IssuerRegistration(settings);
  }

  /** The {@code oauth2Login} of the console's filter chain. */
  Customizer<OAuth2LoginConfigurer<HttpSecurity>> login() {
    var resolver =
        new DefaultOAuth2AuthorizationRequestResolver(
            registrations,
            OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
    resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
    return o ->
        o.loginPage("/login")
            .clientRegistrationRepository(registrations)
            .authorizedClientRepository(tokens)
            .authorizationEndpoint(a -> a.authorizationRequestResolver(resolver))
            .userInfoEndpoint(u -> u.oidcUserService(this::user))
            .successHandler(
                (request, response, authentication) -> {
                  if (!(authentication.getPrincipal() instanceof SignedInUser signedIn)) {
                    throw new IllegalStateException(
                        "an OIDC sign-in without a Servicebook user: a bug");
                  }
                  // the provider's tokens are not needed after the sign-in: none stays in the
                  // session
                  tokens.removeAuthorizedClient(
                      OidcSettings.REGISTRATION, authentication, request, response);
                  console.signIn(signedIn.user, request, response);
                  response.sendRedirect(request.getContextPath() + "/");
                })
            .failureHandler(new SimpleUrlAuthenticationFailureHandler("/login?error"));
  }

  /** The provider's user, matched to a Servicebook user; refused with the reason otherwise. */
  private OidcUser user(OidcUserRequest request) {
    OidcUser provided = provider.loadUser(request);
    var identity =
        new FederatedLogins.Identity(
            provided.getIdToken().getIssuer().toString(),
            provided.getSubject(),
            provided.getClaims());
    return switch (logins.signIn(identity, source())) {
      case FederatedLogins.Outcome.SignedIn signedIn -> new SignedInUser(provided, signedIn.user());
      case FederatedLogins.Outcome.Refused refused ->
          throw new FederatedLoginRefused(refused.why());
    };
  }

  private static String source() {
    return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes web
        ? web.getRequest().getRemoteAddr()
        : Logins.UNKNOWN_SOURCE;
  }

  /** The provider's user with the Servicebook user it signs in as. */
  static final class SignedInUser extends DefaultOidcUser {

    private static final long serialVersionUID = 1L;

    private final transient UserAccounts.User user;

    SignedInUser(OidcUser provided, UserAccounts.User user) {
      super(
          user.roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList(),
          provided.getIdToken(),
          provided.getUserInfo());
      this.user = user;
    }

    @Override
    public String getName() {
      return user.username();
    }
  }

  /**
   * The one registration, made from the issuer's metadata on first use and kept; while the issuer
   * cannot be reached, each sign-in tries again (and fails with the reason in the log).
   */
  private static final class IssuerRegistration implements ClientRegistrationRepository {

    private final OidcSettings settings;
    private volatile ClientRegistration registration;

    IssuerRegistration(OidcSettings settings) {
      this.settings = settings;
    }

    @Override
    public ClientRegistration findByRegistrationId(String id) {
      if (!OidcSettings.REGISTRATION.equals(id)) {
        return null;
      }
      ClientRegistration known = registration;
      if (known != null) {
        return known;
      }
      try {
        known =
            ClientRegistrations.fromIssuerLocation(settings.issuerUri())
                .registrationId(OidcSettings.REGISTRATION)
                .clientId(settings.clientId())
                .clientSecret(settings.clientSecret())
                .clientName(settings.providerName())
                .scope(settings.scopes())
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .build();
      } catch (RuntimeException e) {
        LOG.warn(
            "Cannot read the OpenID provider's metadata at {} (servicebook.oidc.issuer-uri): {}",
            settings.issuerUri(),
            e.toString());
        throw new OAuth2AuthenticationException(
            new OAuth2Error("provider_unreachable"),
            "The identity provider " + settings.issuerUri() + " cannot be reached",
            e);
      }
      registration = known;
      return known;
    }
  }
}
