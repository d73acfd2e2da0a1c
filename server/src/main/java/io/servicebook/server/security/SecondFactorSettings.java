package io.servicebook.server.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The second factor's settings ({@code servicebook.login.*}): which roles must enrol before they
 * may sign in ({@code require-second-factor-for}, e.g. {@code ADMIN,SUPERVISOR}; default none), the
 * key that encrypts the stored secrets ({@code totp-key}; default a file {@code keys/totp.key} in
 * the data directory, made on first use) and the issuer name the authenticator app shows.
 */
@ConfigurationProperties("servicebook.login")
record SecondFactorSettings(
    List<String> requireSecondFactorFor, String totpKey, String totpIssuer) {

  SecondFactorSettings {
    requireSecondFactorFor = requireSecondFactorFor == null ? List.of() : requireSecondFactorFor;
    totpKey = totpKey == null || totpKey.isBlank() ? null : totpKey.strip();
    if (totpKey != null && totpKey.length() < 32) {
      throw new IllegalArgumentException(
          "servicebook.login.totp-key must have at least 32 characters (e.g. `openssl rand -base64"
              + " 32`), not "
              + totpKey.length());
    }
    totpIssuer = totpIssuer == null || totpIssuer.isBlank() ? "Servicebook" : totpIssuer.strip();
    requiredRoles(requireSecondFactorFor);
  }

  /** The roles that must have a second factor. */
  Set<Role> requiredRoles() {
    return requiredRoles(requireSecondFactorFor);
  }

  private static Set<Role> requiredRoles(List<String> names) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String name : names) {
      if (name.isBlank()) {
        continue;
      }
      try {
        roles.add(Role.valueOf(name.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "servicebook.login.require-second-factor-for names `"
                + name.strip()
                + "`, which is no role; use some of "
                + List.of(Role.values()));
      }
    }
    return roles;
  }
}
