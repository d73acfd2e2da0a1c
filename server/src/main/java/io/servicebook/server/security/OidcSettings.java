package io.servicebook.server.security;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sign-in through an OpenID Connect provider ({@code servicebook.oidc.*}), off unless {@code
 * issuer-uri} is set: the client's id and secret at the provider, the name the sign-in button
 * shows, which claim is the Servicebook user name on a first sign-in ({@code username-claim},
 * default {@code email}, which must be verified), whether unknown users are refused or created with
 * {@code default-role}, and optionally a claim whose values give the roles ({@code role-claim} with
 * {@code role-mapping} items {@code VALUE=ROLE}).
 */
@ConfigurationProperties("servicebook.oidc")
record OidcSettings(
    String issuerUri,
    String clientId,
    String clientSecret,
    String providerName,
    List<String> scopes,
    String usernameClaim,
    String unknownUsers,
    String defaultRole,
    String roleClaim,
    List<String> roleMapping) {

  /** The registration id: the callback is {@code /login/oauth2/code/oidc}. */
  static final String REGISTRATION = "oidc";

  OidcSettings {
    issuerUri = blankToNull(issuerUri);
    clientId = blankToNull(clientId);
    clientSecret = blankToNull(clientSecret);
    if (issuerUri != null && clientId == null) {
      throw new IllegalArgumentException(
          "servicebook.oidc.issuer-uri is set, but servicebook.oidc.client-id is not: set the"
              + " client id the provider gave Servicebook");
    }
    providerName = blankToNull(providerName) == null ? "your identity provider" : providerName;
    scopes = scopes == null || scopes.isEmpty() ? List.of("openid", "profile", "email") : scopes;
    usernameClaim = blankToNull(usernameClaim) == null ? "email" : usernameClaim.strip();
    unknownUsers =
        blankToNull(unknownUsers) == null
            ? "refuse"
            : unknownUsers.strip().toLowerCase(Locale.ROOT);
    if (!List.of("refuse", "create").contains(unknownUsers)) {
      throw new IllegalArgumentException(
          "servicebook.oidc.unknown-users must be `refuse` or `create`, not `"
              + unknownUsers
              + "`");
    }
    defaultRole = blankToNull(defaultRole) == null ? "AGENT" : defaultRole.strip();
    role("default-role", defaultRole);
    roleClaim = blankToNull(roleClaim);
    roleMapping = roleMapping == null ? List.of() : roleMapping;
    mapping(roleMapping);
  }

  boolean configured() {
    return issuerUri != null;
  }

  boolean createsUnknownUsers() {
    return unknownUsers.equals("create");
  }

  Role defaultRoleValue() {
    return role("default-role", defaultRole);
  }

  /** The roles each value of the role claim gives. */
  Map<String, Set<Role>> roles() {
    return mapping(roleMapping);
  }

  private static Map<String, Set<Role>> mapping(List<String> items) {
    Map<String, Set<Role>> roles = new LinkedHashMap<>();
    for (String item : items) {
      int at = item.lastIndexOf('=');
      if (at <= 0) {
        throw new IllegalArgumentException(
            "servicebook.oidc.role-mapping items are VALUE=ROLE (e.g. servicebook-admins=ADMIN),"
                + " not `"
                + item
                + "`");
      }
      roles
          .computeIfAbsent(item.substring(0, at).strip(), v -> EnumSet.noneOf(Role.class))
          .add(role("role-mapping", item.substring(at + 1)));
    }
    return roles;
  }

  private static Role role(String property, String name) {
    try {
      return Role.valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "servicebook.oidc."
              + property
              + " names `"
              + name.strip()
              + "`, which is no role; use one of "
              + List.of(Role.values()));
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
