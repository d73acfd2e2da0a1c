package io.servicebook.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TokenExpiryTests {

  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

  private final ApiTokens tokens =
      new ApiTokens(null, new TokenSettings(null), null, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void withoutAnExpiryATokenLivesNinetyDays() {
    assertThat(tokens.expiry(null)).contains(Instant.parse("2027-03-07T10:00:00Z"));
    assertThat(tokens.expiry(" ")).contains(Instant.parse("2027-03-07T10:00:00Z"));
  }

  @Test
  void neverMeansNoExpiry() {
    assertThat(tokens.expiry("never")).isEmpty();
    assertThat(
            new ApiTokens(null, new TokenSettings("never"), null, Clock.systemUTC()).expiry(null))
        .isEmpty();
  }

  @Test
  void acceptsDurationsShortDurationsDatesAndInstants() {
    assertThat(tokens.expiry("P30D")).contains(Instant.parse("2027-01-06T10:00:00Z"));
    assertThat(tokens.expiry("P6M")).contains(Instant.parse("2027-06-07T10:00:00Z"));
    assertThat(tokens.expiry("PT12H")).contains(Instant.parse("2026-12-07T22:00:00Z"));
    assertThat(tokens.expiry("30d")).contains(Instant.parse("2027-01-06T10:00:00Z"));
    assertThat(tokens.expiry("12h")).contains(Instant.parse("2026-12-07T22:00:00Z"));
    assertThat(tokens.expiry("2027-01-31")).contains(Instant.parse("2027-02-01T00:00:00Z"));
    assertThat(tokens.expiry("2027-01-31T08:00:00Z"))
        .contains(Instant.parse("2027-01-31T08:00:00Z"));
  }

  @Test
  void refusesWhatIsNoExpiryAPastTimeAndOneCenturiesAway() {
    assertThatThrownBy(() -> tokens.expiry("soon"))
        .hasMessage(
            "`soon` is not an expiry: use `never`, a duration such as P30D, P6M, PT12H, 30d or"
                + " 12h, or a date such as 2027-01-31.");
    assertThatThrownBy(() -> tokens.expiry("2026-01-01"))
        .hasMessage("The expiry `2026-01-01` is not in the future (now is 2026-12-07T10:00:00Z).");
    assertThatThrownBy(() -> tokens.expiry("P999999999Y")).hasMessageContaining("is not an expiry");
    assertThatThrownBy(() -> tokens.expiry("99999d"))
        .hasMessage("The expiry `99999d` is more than 100 years away: use `never` instead.");
  }
}
