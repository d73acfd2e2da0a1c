package io.servicebook.server.security;

import io.servicebook.server.audit.AuditLog;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
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

  private final JdbcClient jdbc;
  private final PasswordEncoder passwords;
  private final PasswordPolicy policy;
  private final ApiTokens tokens;
  private final AuditLog audit;
  private final Clock clock;

  /** Matched against when a user has no password, so an unknown name takes as long as a known. */
  private final String decoy;

  UserAccounts(
      JdbcClient jdbc,
      PasswordEncoder passwords,
      PasswordPolicy policy,
      ApiTokens tokens,
      AuditLog audit,
      Clock clock) {
    this.jdbc = jdbc;
    this.passwords = passwords;
    this.policy = policy;
    this.tokens = tokens;
    this.audit = audit;
    this.clock = clock;
    this.decoy = passwords.encode("no user has this password");
  }

  /** A user as the rest of the server sees it. */
  public record User(long id, String username, String displayName, Set<Role> roles) {}

  /** What adding a user did: created it, or found the name taken. */
  public sealed interface Added {
    record Created(User user) implements Added {}

    record NameTaken(String username) implements Added {}
  }

  /**
   * Adds a user with the password as given: it does not apply the {@link PasswordPolicy}, so where
   * a person chooses the password (the command line, the console) the caller checks it first; the
   * demo users and tests set theirs directly.
   */
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
  boolean checkPassword(String username, String password) {
    Optional<String> hash =
        jdbc.sql("SELECT password_hash FROM app_user WHERE username = :u")
            .param("u", username)
            .query(String.class)
            .optional();
    if (hash.isEmpty()) {
      passwords.matches(password, decoy);
      return false;
    }
    return passwords.matches(password, hash.get());
  }

  /** Whether the user is deactivated (signs in no way; false for names that are no account). */
  public boolean deactivated(String username) {
    return jdbc.sql(
                "SELECT COUNT(*) FROM app_user WHERE username = :u AND deactivated_at IS NOT NULL")
            .param("u", username)
            .query(Integer.class)
            .single()
        > 0;
  }

  /**
   * Deactivates or activates a user: a deactivated user signs in neither with a password nor
   * through the identity provider, and their API tokens are refused. False when nothing changed.
   */
  @Transactional
  public boolean setActive(String username, boolean active, String actor) {
    int changed =
        jdbc.sql(
                active
                    ? "UPDATE app_user SET deactivated_at = NULL"
                        + " WHERE username = :u AND deactivated_at IS NOT NULL"
                    : "UPDATE app_user SET deactivated_at = :at"
                        + " WHERE username = :u AND deactivated_at IS NULL")
            .param("u", username)
            .param("at", Timestamp.from(clock.instant()))
            .update();
    if (changed == 1) {
      audit.append(
          "user", username, active ? "user.activated" : "user.deactivated", actor, null, "{}");
    }
    return changed == 1;
  }

  /** Sets the user's roles (from the identity provider's claim); audited when they change. */
  @Transactional
  public User setRoles(User user, Set<Role> roles, String actor) {
    if (user.roles().equals(roles)) {
      return user;
    }
    String keys = roles.stream().map(Role::key).sorted().collect(Collectors.joining(","));
    jdbc.sql("UPDATE app_user SET roles = :roles WHERE id = :id")
        .param("roles", keys)
        .param("id", user.id())
        .update();
    audit.append(
        "user", user.username(), "user.roles-changed", actor, null, "{\"roles\":\"" + keys + "\"}");
    return find(user.username()).orElseThrow();
  }

  /** What changing a password did. */
  public sealed interface PasswordChange {
    record Changed(User user) implements PasswordChange {}

    record NoSuchUser(String username) implements PasswordChange {}

    /** The new password breaks the policy; nothing changed. */
    record Refused(List<PasswordPolicy.Violation> violations) implements PasswordChange {}
  }

  /** Sets a new password that the {@link PasswordPolicy} accepts. */
  @Transactional
  public PasswordChange changePassword(String username, String password, String actor) {
    Optional<User> user = find(username);
    if (user.isEmpty()) {
      return new PasswordChange.NoSuchUser(username);
    }
    List<PasswordPolicy.Violation> violations = policy.check(username, password);
    if (!violations.isEmpty()) {
      return new PasswordChange.Refused(violations);
    }
    jdbc.sql(
            "UPDATE app_user SET password_hash = :hash, password_must_change = FALSE"
                + " WHERE id = :id")
        .param("hash", passwords.encode(password))
        .param("id", user.get().id())
        .update();
    audit.append("user", username, "user.password-changed", actor, null, "{}");
    return new PasswordChange.Changed(user.get());
  }

  /**
   * Gives the user a generated one-time password, returned to be handed over once: their old
   * password stops working, and until they choose their own at the next sign-in the console shows
   * them only the password page. Empty when there is no such user.
   */
  @Transactional
  public Optional<String> setOneTimePassword(String username, String actor) {
    String password = policy.generate();
    int changed =
        jdbc.sql(
                "UPDATE app_user SET password_hash = :hash, password_must_change = TRUE"
                    + " WHERE username = :u")
            .param("hash", passwords.encode(password))
            .param("u", username)
            .update();
    if (changed != 1) {
      return Optional.empty();
    }
    audit.append("user", username, "user.password-reset", actor, null, "{\"method\":\"one-time\"}");
    return Optional.of(password);
  }

  /** Removes the user's password (they set a new one through a link); false for no such user. */
  boolean clearPassword(String username) {
    return jdbc.sql(
                "UPDATE app_user SET password_hash = NULL, password_must_change = FALSE"
                    + " WHERE username = :u")
            .param("u", username)
            .update()
        == 1;
  }

  /** What a console session of the user may do on its next request. */
  public enum SessionState {
    /** Carry on. */
    ACTIVE,
    /** Signed out: the user is deactivated. */
    ENDED,
    /** Only the password page, until they replace their one-time password. */
    MUST_CHANGE_PASSWORD
  }

  /** One query per console request: whether the session goes on, ends, or must change password. */
  public SessionState sessionState(String username) {
    return jdbc.sql("SELECT deactivated_at, password_must_change FROM app_user WHERE username = :u")
        .param("u", username)
        .query(
            (rs, n) ->
                rs.getTimestamp(1) != null
                    ? SessionState.ENDED
                    : rs.getBoolean(2) ? SessionState.MUST_CHANGE_PASSWORD : SessionState.ACTIVE)
        .optional()
        .orElse(SessionState.ACTIVE);
  }

  /** Whether the name is a valid user name: letters, digits, {@code . _ @ -}, 1 to 100. */
  public static boolean validUsername(String username) {
    return username != null && username.matches("[a-zA-Z0-9._@-]{1,100}");
  }

  /** A user as the administration lists them. */
  public record Listed(
      User user,
      Optional<String> email,
      Instant createdAt,
      Optional<Instant> deactivatedAt,
      boolean hasPassword,
      boolean mustChangePassword) {

    public boolean active() {
      return deactivatedAt.isEmpty();
    }
  }

  private static final String LISTED =
      """
      SELECT id, username, display_name, roles, email, created_at, deactivated_at,
             password_hash IS NOT NULL, password_must_change
      FROM app_user
      """;

  /** Every user, active and deactivated, by name. */
  public List<Listed> all() {
    return jdbc.sql(LISTED + " ORDER BY username").query(UserAccounts::listed).list();
  }

  /** One user as the administration shows them. */
  public Optional<Listed> listed(String username) {
    return jdbc.sql(LISTED + " WHERE username = :u")
        .param("u", username)
        .query(UserAccounts::listed)
        .optional();
  }

  private static Listed listed(ResultSet rs, int row) throws SQLException {
    return new Listed(
        new User(rs.getLong(1), rs.getString(2), rs.getString(3), roles(rs.getString(4))),
        Optional.ofNullable(rs.getString(5)),
        rs.getTimestamp(6).toInstant(),
        Optional.ofNullable(rs.getTimestamp(7)).map(Timestamp::toInstant),
        rs.getBoolean(8),
        rs.getBoolean(9));
  }

  /**
   * Creates an API token of every scope the user's roles allow, without expiry, and returns it;
   * only its hash is kept. Tokens with narrower scopes or an expiry come from {@link ApiTokens}.
   */
  public String createToken(User user, String name, String actor) {
    return tokens.issue(user, name, Set.of(TokenScope.ADMIN), Optional.empty(), actor).secret();
  }

  /** The address the user's notification mails go to, if they gave one. */
  public Optional<String> email(String username) {
    return jdbc.sql("SELECT email FROM app_user WHERE username = :u AND email IS NOT NULL")
        .param("u", username)
        .query(String.class)
        .optional();
  }

  /**
   * Sets or (empty) removes the user's address for notification mails; audited. False when there is
   * no such user. The caller checks the address's form.
   */
  @Transactional
  public boolean setEmail(String username, Optional<String> email, String actor) {
    int changed =
        jdbc.sql("UPDATE app_user SET email = :email WHERE username = :u")
            .param("email", email.orElse(null))
            .param("u", username)
            .update();
    if (changed == 1) {
      audit.append("user", username, "user.email-changed", actor, null, "{}");
    }
    return changed == 1;
  }

  /** The active users who have the role, by name. */
  public List<String> withRole(Role role) {
    return jdbc
        .sql("SELECT username, roles FROM app_user WHERE deactivated_at IS NULL ORDER BY username")
        .query((rs, n) -> roles(rs.getString(2)).contains(role) ? rs.getString(1) : null)
        .list()
        .stream()
        .filter(java.util.Objects::nonNull)
        .toList();
  }

  /** Stores a token chosen by the operator (the bootstrap token), if not stored yet. */
  public void ensureToken(User user, String name, String token, String actor) {
    tokens.ensure(user, name, token, actor);
  }

  static Set<Role> roles(String text) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    Arrays.stream(text.split(","))
        .filter(s -> !s.isBlank())
        .forEach(s -> roles.add(Role.valueOf(s.trim().toUpperCase(java.util.Locale.ROOT))));
    return roles;
  }
}
