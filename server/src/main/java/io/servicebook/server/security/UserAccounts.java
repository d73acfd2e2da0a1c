package io.servicebook.server.security;

import io.servicebook.server.audit.AuditLog;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Users, their roles and passwords, and their API tokens (stored only as hashes). */
@Service
public class UserAccounts {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;
  private final PasswordEncoder passwords;
  private final AuditLog audit;
  private final Clock clock;

  UserAccounts(JdbcClient jdbc, PasswordEncoder passwords, AuditLog audit, Clock clock) {
    this.jdbc = jdbc;
    this.passwords = passwords;
    this.audit = audit;
    this.clock = clock;
  }

  /** A user as the rest of the server sees it. */
  public record User(long id, String username, String displayName, Set<Role> roles) {}

  /** What adding a user did: created it, or found the name taken. */
  public sealed interface Added {
    record Created(User user) implements Added {}

    record NameTaken(String username) implements Added {}
  }

  @Transactional
  public Added add(
      String username, String displayName, String password, Set<Role> roles, String actor) {
    if (find(username).isPresent()) {
      return new Added.NameTaken(username);
    }
    jdbc.sql(
            """
            INSERT INTO app_user (username, display_name, password_hash, roles, created_at)
            VALUES (:username, :displayName, :hash, :roles, :at)
            """)
        .param("username", username)
        .param("displayName", displayName)
        .param("hash", password == null ? null : passwords.encode(password))
        .param("roles", roles.stream().map(Role::key).sorted().collect(Collectors.joining(",")))
        .param("at", Timestamp.from(clock.instant()))
        .update();
    audit.append(
        "user",
        username,
        "user.created",
        actor,
        null,
        "{\"roles\":\""
            + roles.stream().map(Role::key).sorted().collect(Collectors.joining(","))
            + "\"}");
    return new Added.Created(find(username).orElseThrow());
  }

  public Optional<User> find(String username) {
    return jdbc.sql("SELECT id, username, display_name, roles FROM app_user WHERE username = :u")
        .param("u", username)
        .query(
            (rs, n) ->
                new User(rs.getLong(1), rs.getString(2), rs.getString(3), roles(rs.getString(4))))
        .optional();
  }

  /** Whether the password is the user's; false for unknown users and users without one. */
  public boolean checkPassword(String username, String password) {
    return jdbc.sql("SELECT password_hash FROM app_user WHERE username = :u")
        .param("u", username)
        .query(String.class)
        .optional()
        .filter(hash -> hash != null && passwords.matches(password, hash))
        .isPresent();
  }

  /** Creates an API token for the user and returns it; only its hash is kept. */
  @Transactional
  public String createToken(User user, String name, String actor) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = "sb_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    storeToken(user, name, token, actor);
    return token;
  }

  /** Stores a token chosen by the operator (the bootstrap token), if not stored yet. */
  @Transactional
  public void ensureToken(User user, String name, String token, String actor) {
    if (byToken(token).isEmpty()) {
      storeToken(user, name, token, actor);
    }
  }

  private void storeToken(User user, String name, String token, String actor) {
    jdbc.sql(
            """
            INSERT INTO api_token (user_id, name, token_hash, created_at)
            VALUES (:user, :name, :hash, :at)
            """)
        .param("user", user.id())
        .param("name", name)
        .param("hash", AuditLog.sha256(token))
        .param("at", Timestamp.from(clock.instant()))
        .update();
    audit.append(
        "user", user.username(), "token.created", actor, null, "{\"name\":\"" + name + "\"}");
  }

  public Optional<User> byToken(String token) {
    return jdbc.sql(
            """
            SELECT u.id, u.username, u.display_name, u.roles
            FROM api_token t JOIN app_user u ON u.id = t.user_id
            WHERE t.token_hash = :hash
            """)
        .param("hash", AuditLog.sha256(token))
        .query(
            (rs, n) ->
                new User(rs.getLong(1), rs.getString(2), rs.getString(3), roles(rs.getString(4))))
        .optional();
  }

  private static Set<Role> roles(String text) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    Arrays.stream(text.split(","))
        .filter(s -> !s.isBlank())
        .forEach(s -> roles.add(Role.valueOf(s.trim().toUpperCase(java.util.Locale.ROOT))));
    return roles;
  }
}
