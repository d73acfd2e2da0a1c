package io.servicebook.server.security;

import io.servicebook.server.security.ApiTokens.Token;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** API tokens in SQL: only a token's SHA-256 hash is stored, never the token. */
@Repository
class ApiTokenRepository {

  private static final String COLUMNS =
      """
      t.id, t.user_id, u.username, t.name, t.scopes, t.created_at, t.expires_at, t.last_used_at,
      t.revoked_at, u.display_name, u.roles
      """;

  private final JdbcClient jdbc;

  ApiTokenRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A token with its user, as the bearer filter needs both. */
  record Stored(Token token, UserAccounts.User user) {}

  void insert(
      long userId,
      String name,
      String hash,
      Set<TokenScope> scopes,
      Instant createdAt,
      Optional<Instant> expiresAt) {
    jdbc.sql(
            """
            INSERT INTO api_token (user_id, name, token_hash, scopes, created_at, expires_at)
            VALUES (:user, :name, :hash, :scopes, :at, :expires)
            """)
        .param("user", userId)
        .param("name", name)
        .param("hash", hash)
        .param("scopes", keys(scopes))
        .param("at", Timestamp.from(createdAt))
        .param("expires", expiresAt.map(Timestamp::from).orElse(null))
        .update();
  }

  Optional<Stored> byHash(String hash) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM api_token t JOIN app_user u ON u.id = t.user_id"
                + " WHERE t.token_hash = :hash AND u.deactivated_at IS NULL")
        .param("hash", hash)
        .query(ApiTokenRepository::stored)
        .optional();
  }

  Optional<Token> byId(long id) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE t.id = :id")
        .param("id", id)
        .query(ApiTokenRepository::stored)
        .optional()
        .map(Stored::token);
  }

  /** Every user's tokens, newest first, at most {@code limit}. */
  List<Token> all(int limit) {
    return jdbc
        .sql(
            "SELECT "
                + COLUMNS
                + " FROM api_token t JOIN app_user u ON u.id = t.user_id"
                + " ORDER BY t.created_at DESC, t.id DESC FETCH FIRST :limit ROWS ONLY")
        .param("limit", limit)
        .query(ApiTokenRepository::stored)
        .list()
        .stream()
        .map(Stored::token)
        .toList();
  }

  List<Token> ofUser(String username) {
    return jdbc
        .sql(
            "SELECT "
                + COLUMNS
                + """
                 FROM api_token t JOIN app_user u ON u.id = t.user_id
                WHERE u.username = :username ORDER BY t.created_at DESC, t.id DESC
                """)
        .param("username", username)
        .query(ApiTokenRepository::stored)
        .list()
        .stream()
        .map(Stored::token)
        .toList();
  }

  /** Marks the token revoked unless it already is; false when it was. */
  boolean revoke(long id, String actor, Instant at) {
    return jdbc.sql(
                """
                UPDATE api_token SET revoked_at = :at, revoked_by = :actor
                WHERE id = :id AND revoked_at IS NULL
                """)
            .param("id", id)
            .param("actor", actor)
            .param("at", Timestamp.from(at))
            .update()
        == 1;
  }

  /** Notes a use, unless one at or after {@code since} is noted already (a write per minute). */
  void used(long id, Instant at, Instant since) {
    jdbc.sql(
            """
            UPDATE api_token SET last_used_at = :at
            WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :since)
            """)
        .param("id", id)
        .param("at", Timestamp.from(at))
        .param("since", Timestamp.from(since))
        .update();
  }

  private static Stored stored(ResultSet rs, int row) throws SQLException {
    Token token =
        new Token(
            rs.getLong(1),
            rs.getString(3),
            rs.getString(4),
            scopes(rs.getString(5)),
            rs.getTimestamp(6).toInstant(),
            instant(rs.getTimestamp(7)),
            instant(rs.getTimestamp(8)),
            instant(rs.getTimestamp(9)));
    return new Stored(
        token,
        new UserAccounts.User(
            rs.getLong(2),
            rs.getString(3),
            rs.getString(10),
            UserAccounts.roles(rs.getString(11))));
  }

  private static Optional<Instant> instant(Timestamp timestamp) {
    return Optional.ofNullable(timestamp).map(Timestamp::toInstant);
  }

  private static String keys(Set<TokenScope> scopes) {
    return scopes.stream().map(TokenScope::key).sorted().collect(Collectors.joining(","));
  }

  private static Set<TokenScope> scopes(String text) {
    Set<TokenScope> scopes = EnumSet.noneOf(TokenScope.class);
    Arrays.stream(text.split(","))
        .filter(s -> !s.isBlank())
        .forEach(s -> scopes.add(TokenScope.of(s).orElseThrow()));
    return scopes;
  }
}
