package io.servicebook.server.security;

import io.servicebook.server.audit.AuditLog;
import io.servicebook.server.security.ApiTokenRepository.Stored;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * API tokens: made for a user with scopes and an expiry, shown once and kept only as a hash,
 * revocable, with the time each was last used (noted at most once a minute).
 */
@Service
public class ApiTokens {

  /** How often a token's last use is written at most. */
  static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,5})([dh])");

  private final ApiTokenRepository repository;
  private final TokenSettings settings;
  private final AuditLog audit;
  private final Clock clock;

  ApiTokens(ApiTokenRepository repository, TokenSettings settings, AuditLog audit, Clock clock) {
    this.repository = repository;
    this.settings = settings;
    this.audit = audit;
    this.clock = clock;
  }

  /** A token as its owner sees it: never the token itself. */
  public record Token(
      long id,
      String username,
      String name,
      Set<TokenScope> scopes,
      Instant createdAt,
      Optional<Instant> expiresAt,
      Optional<Instant> lastUsedAt,
      Optional<Instant> revokedAt) {

    /** {@code revoked}, {@code expired} or {@code active} at {@code now}. */
    public String state(Instant now) {
      if (revokedAt.isPresent()) {
        return "revoked";
      }
      return expiresAt.filter(at -> !at.isAfter(now)).isPresent() ? "expired" : "active";
    }
  }

  /** A new token and its secret, shown this once. */
  public record Issued(Token token, String secret) {}

  /** What revoking a token did. */
  public sealed interface Revocation {
    record Revoked(Token token) implements Revocation {}

    record AlreadyRevoked(Token token) implements Revocation {}

    record NotFound(long id) implements Revocation {}
  }

  /** What a bearer token is worth. */
  sealed interface Check {
    record Valid(UserAccounts.User user, Token token) implements Check {}

    record Revoked(Token token) implements Check {}

    record Expired(Token token) implements Check {}

    record Unknown() implements Check {}
  }

  /** Makes a token for the user; {@code expiresAt} empty means it never expires. */
  @Transactional
  public Issued issue(
      UserAccounts.User user,
      String name,
      Set<TokenScope> scopes,
      Optional<Instant> expiresAt,
      String actor) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String secret = "sb_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return new Issued(store(user, name, secret, scopes, expiresAt, actor), secret);
  }

  /** Stores a token chosen by the operator (the bootstrap token): every scope, no expiry. */
  @Transactional
  void ensure(UserAccounts.User user, String name, String secret, String actor) {
    if (repository.byHash(AuditLog.sha256(secret)).isEmpty()) {
      store(user, name, secret, Set.of(TokenScope.ADMIN), Optional.empty(), actor);
    }
  }

  private Token store(
      UserAccounts.User user,
      String name,
      String secret,
      Set<TokenScope> scopes,
      Optional<Instant> expiresAt,
      String actor) {
    if (name == null || name.isBlank() || name.length() > 100) {
      throw new IllegalArgumentException("A token's name needs 1 to 100 characters.");
    }
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("A token needs a scope: " + TokenScope.keys() + ".");
    }
    String hash = AuditLog.sha256(secret);
    repository.insert(user.id(), name.strip(), hash, scopes, clock.instant(), expiresAt);
    Token token = repository.byHash(hash).orElseThrow().token();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("id", token.id());
    details.put("name", token.name());
    details.put("scopes", token.scopes().stream().map(TokenScope::key).sorted().toList());
    details.put("expires_at", expiresAt.map(Instant::toString).orElse(null));
    audit.append(
        "user", user.username(), "token.created", actor, null, JSON.writeValueAsString(details));
    return token;
  }

  /** The user's tokens, newest first. */
  public List<Token> of(String username) {
    return repository.ofUser(username);
  }

  /** Every user's tokens, newest first, at most {@code limit}. */
  public List<Token> all(int limit) {
    return repository.all(limit);
  }

  public Optional<Token> find(long id) {
    return repository.byId(id);
  }

  /** Revokes the token: it answers 401 from now on. */
  @Transactional
  public Revocation revoke(long id, String actor) {
    Optional<Token> token = repository.byId(id);
    if (token.isEmpty()) {
      return new Revocation.NotFound(id);
    }
    if (!repository.revoke(id, actor, clock.instant())) {
      return new Revocation.AlreadyRevoked(token.get());
    }
    audit.append(
        "user",
        token.get().username(),
        "token.revoked",
        actor,
        null,
        JSON.writeValueAsString(Map.of("id", id, "name", token.get().name())));
    return new Revocation.Revoked(repository.byId(id).orElseThrow());
  }

  /** Looks a bearer token up; a valid one's use is noted (at most once a minute). */
  Check check(String secret) {
    Optional<Stored> stored = repository.byHash(AuditLog.sha256(secret));
    if (stored.isEmpty()) {
      return new Check.Unknown();
    }
    Token token = stored.get().token();
    Instant now = clock.instant();
    return switch (token.state(now)) {
      case "revoked" -> new Check.Revoked(token);
      case "expired" -> new Check.Expired(token);
      default -> {
        if (token
            .lastUsedAt()
            .filter(at -> at.isAfter(now.minus(LAST_USED_RESOLUTION)))
            .isEmpty()) {
          repository.used(token.id(), now, now.minus(LAST_USED_RESOLUTION));
        }
        yield new Check.Valid(stored.get().user(), token);
      }
    };
  }

  /**
   * When a token made now with this expiry ends: empty for {@code never}; the configured default
   * for a blank one; else a duration ({@code P30D}, {@code PT12H}, {@code 30d}, {@code 12h}) from
   * now or a date ({@code 2027-01-31}, valid through that day in UTC) or an instant.
   *
   * @throws IllegalArgumentException naming what is accepted, for anything else or a past time
   */
  public Optional<Instant> expiry(String text) {
    String value = text == null || text.isBlank() ? settings.defaultExpiry() : text.strip();
    if (value.equalsIgnoreCase("never")) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Instant at = parse(value, now);
    if (!at.isAfter(now)) {
      throw new IllegalArgumentException(
          "The expiry `" + value + "` is not in the future (now is " + now + ").");
    }
    if (at.isAfter(now.atZone(ZoneOffset.UTC).plusYears(100).toInstant())) {
      throw new IllegalArgumentException(
          "The expiry `" + value + "` is more than 100 years away: use `never` instead.");
    }
    return Optional.of(at);
  }

  private static Instant parse(String value, Instant now) {
    Matcher small = SHORT_DURATION.matcher(value.toLowerCase(Locale.ROOT));
    if (small.matches()) {
      long amount = Long.parseLong(small.group(1));
      return now.plus(
          small.group(2).equals("d") ? Duration.ofDays(amount) : Duration.ofHours(amount));
    }
    try {
      String upper = value.toUpperCase(Locale.ROOT);
      if (upper.startsWith("P")) {
        return upper.contains("T")
            ? now.plus(Duration.parse(upper))
            : now.atZone(ZoneOffset.UTC).plus(Period.parse(upper)).toInstant();
      }
      if (value.length() == 10) {
        return LocalDate.parse(value).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(value);
    } catch (DateTimeException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "`"
              + value
              + "` is not an expiry: use `never`, a duration such as P30D, P6M, PT12H, 30d or 12h,"
              + " or a date such as 2027-01-31.");
    }
  }
}
