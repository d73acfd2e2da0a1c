package io.servicebook.server.security;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What an API token may be used for, narrower than its user's roles: a request passes when one of
 * the token's scopes permits it <em>and</em> the user's roles do. Every scope reads ({@code GET},
 * {@code HEAD}, {@code OPTIONS}); the writes each scope permits are listed here and nowhere else.
 */
public enum TokenScope {

  /** Reads only. */
  READ(List.of()),

  /** Works cases: cases, runs, follow-ups, compensation and budgets, customers, notifications. */
  CASES(
      List.of(
          "/api/v1/cases",
          "/api/v1/runs",
          "/api/v1/follow-ups",
          "/api/v1/compensations",
          "/api/v1/budgets",
          "/api/v1/customers",
          "/api/v1/notifications")),

  /** Authors, imports and publishes protocols and works their improvement suggestions. */
  PROTOCOLS(List.of("/api/v1/protocols", "/api/v1/suggestions")),

  /**
   * A message gateway (SMS, social): hands in customers' messages and collects the replies waiting
   * for delivery.
   */
  GATEWAY(List.of("/api/v1/inbound", "/api/v1/outbound")),

  /** Everything the user's roles allow, managing API tokens too. */
  ADMIN(List.of("/api/"));

  private static final Set<String> READING = Set.of("GET", "HEAD", "OPTIONS");

  private final List<String> writes;

  TokenScope(List<String> writes) {
    this.writes = writes;
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether this scope lets a token send {@code method} to {@code path} (the path without query).
   */
  public boolean permits(String method, String path) {
    if (READING.contains(method.toUpperCase(Locale.ROOT))) {
      return true;
    }
    return writes.stream().anyMatch(prefix -> under(path, prefix));
  }

  /**
   * The scope named {@code key} ({@code read}, {@code cases}, {@code protocols}, {@code admin}).
   */
  public static Optional<TokenScope> of(String key) {
    return Arrays.stream(values())
        .filter(s -> s.key().equals(key.strip().toLowerCase(Locale.ROOT)))
        .findFirst();
  }

  /** The accepted keys, for error messages. */
  public static String keys() {
    return String.join(", ", Arrays.stream(values()).map(TokenScope::key).toList());
  }

  private static boolean under(String path, String prefix) {
    return prefix.endsWith("/")
        ? path.startsWith(prefix)
        : path.equals(prefix) || path.startsWith(prefix + "/");
  }
}
