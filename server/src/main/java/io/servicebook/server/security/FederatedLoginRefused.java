package io.servicebook.server.security;

import java.util.Locale;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * The identity provider vouched for the user, but Servicebook refuses the sign-in: the sign-in page
 * says why ({@link #reason()}).
 */
public final class FederatedLoginRefused extends OAuth2AuthenticationException {

  private static final long serialVersionUID = 1L;

  private final FederatedLogins.Refusal reason;

  FederatedLoginRefused(FederatedLogins.Refusal reason) {
    super(
        new OAuth2Error("servicebook_" + reason.name().toLowerCase(Locale.ROOT)),
        "Servicebook refused the sign-in: " + reason);
    this.reason = reason;
  }

  public FederatedLogins.Refusal reason() {
    return reason;
  }
}
