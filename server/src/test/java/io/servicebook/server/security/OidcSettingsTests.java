package io.servicebook.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OidcSettingsTests {

  static OidcSettings settings(
      String issuer, String clientId, String unknownUsers, List<String> mapping) {
    return new OidcSettings(
        issuer, clientId, "secret", null, null, null, unknownUsers, null, "groups", mapping);
  }

  @Test
  void isOffWithoutAnIssuerAndHasSensibleDefaults() {
    OidcSettings off = settings(null, null, null, null);
    assertThat(off.configured()).isFalse();
    assertThat(off.createsUnknownUsers()).isFalse();
    assertThat(off.usernameClaim()).isEqualTo("email");
    assertThat(off.scopes()).containsExactly("openid", "profile", "email");
    assertThat(off.defaultRoleValue()).isEqualTo(Role.AGENT);
  }

  @Test
  void mapsEachClaimValueToItsRoles() {
    OidcSettings on =
        settings(
            "https://id.example.com",
            "servicebook",
            "create",
            List.of("leads=SUPERVISOR", "leads=agent", "it=ADMIN"));
    assertThat(on.roles())
        .isEqualTo(Map.of("leads", Set.of(Role.SUPERVISOR, Role.AGENT), "it", Set.of(Role.ADMIN)));
  }

  @Test
  void refusesAnIncompleteOrMistypedConfigurationAtStart() {
    assertThatThrownBy(() -> settings("https://id.example.com", null, null, null))
        .hasMessageContaining("servicebook.oidc.client-id is not");
    assertThatThrownBy(() -> settings("https://id.example.com", "sb", "maybe", null))
        .hasMessageContaining("`refuse` or `create`, not `maybe`");
    assertThatThrownBy(() -> settings("https://id.example.com", "sb", null, List.of("leads")))
        .hasMessageContaining("VALUE=ROLE");
    assertThatThrownBy(() -> settings("https://id.example.com", "sb", null, List.of("it=GOD")))
        .hasMessageContaining("`GOD`, which is no role");
  }
}
