package io.servicebook.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenScopeTests {

  @Test
  void everyScopeReads() {
    for (TokenScope scope : TokenScope.values()) {
      assertThat(scope.permits("GET", "/api/v1/protocols")).as(scope.key()).isTrue();
      assertThat(scope.permits("head", "/api/v1/cases/42")).as(scope.key()).isTrue();
    }
  }

  @Test
  void readWritesNothing() {
    assertThat(TokenScope.READ.permits("POST", "/api/v1/cases")).isFalse();
    assertThat(TokenScope.READ.permits("POST", "/api/v1/notifications/3/read")).isFalse();
  }

  @Test
  void casesWorksCasesRunsFollowUpsAndCompensationButNotProtocolsOrTokens() {
    assertThat(TokenScope.CASES.permits("POST", "/api/v1/cases")).isTrue();
    assertThat(TokenScope.CASES.permits("POST", "/api/v1/runs/7/steps/gather")).isTrue();
    assertThat(TokenScope.CASES.permits("POST", "/api/v1/follow-ups/3/done")).isTrue();
    assertThat(TokenScope.CASES.permits("POST", "/api/v1/compensations/3/approve")).isTrue();
    assertThat(TokenScope.CASES.permits("PUT", "/api/v1/budgets/emea/2026-12")).isTrue();
    assertThat(TokenScope.CASES.permits("POST", "/api/v1/protocols/import")).isFalse();
    assertThat(TokenScope.CASES.permits("POST", "/api/v1/tokens")).isFalse();
  }

  @Test
  void protocolsAuthorsAndImportsButWorksNoCase() {
    assertThat(TokenScope.PROTOCOLS.permits("POST", "/api/v1/protocols/import")).isTrue();
    assertThat(TokenScope.PROTOCOLS.permits("POST", "/api/v1/suggestions/5/done")).isTrue();
    assertThat(TokenScope.PROTOCOLS.permits("POST", "/api/v1/cases")).isFalse();
  }

  @Test
  void aPrefixMatchesWholePathSegmentsOnly() {
    assertThat(TokenScope.CASES.permits("POST", "/api/v1/casesx")).isFalse();
    assertThat(TokenScope.PROTOCOLS.permits("POST", "/api/v1/protocols-extra")).isFalse();
  }

  @Test
  void adminPermitsEveryApiCall() {
    assertThat(TokenScope.ADMIN.permits("POST", "/api/v1/tokens")).isTrue();
    assertThat(TokenScope.ADMIN.permits("DELETE", "/api/v1/tokens/3")).isTrue();
  }

  @Test
  void scopesAreNamedByTheirKeys() {
    assertThat(TokenScope.of(" Cases ")).contains(TokenScope.CASES);
    assertThat(TokenScope.of("root")).isEmpty();
    assertThat(TokenScope.keys()).isEqualTo("read, cases, protocols, gateway, admin");
  }
}
