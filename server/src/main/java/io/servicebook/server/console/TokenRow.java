package io.servicebook.server.console;

import io.servicebook.server.security.ApiTokens;
import io.servicebook.server.security.TokenScope;
import java.time.Instant;
import java.util.List;

/**
 * An API token as the token pages show it (the user's own and the admins'): its owner, name,
 * scopes, state at {@code now}, and its times in UTC ("" for none).
 */
public record TokenRow(
    long id,
    String owner,
    String name,
    String scopes,
    String state,
    String created,
    String expires,
    String lastUsed) {

  /** The expiries the token forms offer, the default first. */
  public static final List<String> EXPIRIES = List.of("P90D", "P30D", "P7D", "P1Y", "never");

  public static TokenRow of(ApiTokens.Token token, Instant now) {
    return new TokenRow(
        token.id(),
        token.username(),
        token.name(),
        String.join(", ", token.scopes().stream().map(TokenScope::key).toList()),
        token.state(now),
        Times.utc(token.createdAt()),
        token.expiresAt().map(Times::utc).orElse(""),
        token.lastUsedAt().map(Times::utc).orElse(""));
  }

  /** The scopes a token form offers, by key. */
  public static List<String> scopeKeys() {
    return List.of(TokenScope.values()).stream().map(TokenScope::key).toList();
  }

  public boolean active() {
    return state.equals("active");
  }
}
