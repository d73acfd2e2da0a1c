package io.servicebook.server.mail;

import io.servicebook.server.mail.Mailbox.Health;
import io.servicebook.server.mail.Mailbox.Password;
import io.servicebook.server.mail.Mailbox.Security;
import io.servicebook.server.mail.Mailbox.Server;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The configured mailboxes, their sealed passwords, their health and their fetch lease. */
@Repository
class MailboxRepository {

  private static final String COLUMNS =
      """
      id, address, display_name, imap_host, imap_port, imap_security, imap_user, imap_folder,
      smtp_host, smtp_port, smtp_security, smtp_user, password_sealed, password_env, team,
      language, calendar, category, poll_seconds, enabled, last_fetch_at, last_fetched,
      last_error, last_error_at, version
      """;

  private final JdbcClient jdbc;

  MailboxRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  static String key(String address) {
    return address.strip().toLowerCase(Locale.ROOT);
  }

  /** All mailboxes, oldest first: the first is where cases without a mailbox reply from. */
  List<Mailbox> all() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM mailbox ORDER BY created_at, id")
        .query(MailboxRepository::row)
        .list();
  }

  Optional<Mailbox> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM mailbox WHERE id = :id")
        .param("id", id)
        .query(MailboxRepository::row)
        .optional();
  }

  Optional<Mailbox> byAddress(String address) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM mailbox WHERE address_key = :key")
        .param("key", key(address))
        .query(MailboxRepository::row)
        .optional();
  }

  Optional<String> sealedPassword(String id) {
    return jdbc.sql("SELECT password_sealed FROM mailbox WHERE id = :id")
        .param("id", id)
        .query(String.class)
        .optional();
  }

  void insert(Mailbox m, Optional<String> sealed, String actor, Instant at) {
    jdbc.sql(
            """
            INSERT INTO mailbox (id, address, address_key, display_name, imap_host, imap_port,
                imap_security, imap_user, imap_folder, smtp_host, smtp_port, smtp_security,
                smtp_user, password_sealed, password_env, team, language, calendar, category,
                poll_seconds, enabled, last_fetched, created_at, created_by, version)
            VALUES (:id, :address, :key, :name, :imapHost, :imapPort, :imapSecurity, :imapUser,
                :folder, :smtpHost, :smtpPort, :smtpSecurity, :smtpUser, :sealed, :env, :team,
                :language, :calendar, :category, :poll, :enabled, 0, :at, :actor, 0)
            """)
        .params(params(m, sealed))
        .param("at", Timestamp.from(at))
        .param("actor", actor)
        .update();
  }

  /** Changes the settings; false when someone else changed the mailbox since it was read. */
  boolean update(Mailbox m, Optional<String> sealed, long version) {
    return jdbc.sql(
                """
                UPDATE mailbox SET address = :address, address_key = :key, display_name = :name,
                    imap_host = :imapHost, imap_port = :imapPort, imap_security = :imapSecurity,
                    imap_user = :imapUser, imap_folder = :folder, smtp_host = :smtpHost,
                    smtp_port = :smtpPort, smtp_security = :smtpSecurity, smtp_user = :smtpUser,
                    password_sealed = :sealed, password_env = :env, team = :team,
                    language = :language, calendar = :calendar, category = :category,
                    poll_seconds = :poll, enabled = :enabled, version = version + 1
                 WHERE id = :id AND version = :version
                """)
            .params(params(m, sealed))
            .param("version", version)
            .update()
        == 1;
  }

  private static java.util.Map<String, Object> params(Mailbox m, Optional<String> sealed) {
    java.util.Map<String, Object> p = new java.util.HashMap<>();
    p.put("id", m.id());
    p.put("address", m.address());
    p.put("key", key(m.address()));
    p.put("name", m.displayName());
    p.put("imapHost", m.imap().host());
    p.put("imapPort", m.imap().port());
    p.put("imapSecurity", m.imap().security().key());
    p.put("imapUser", m.imap().user());
    p.put("folder", m.imapFolder());
    p.put("smtpHost", m.smtp().host());
    p.put("smtpPort", m.smtp().port());
    p.put("smtpSecurity", m.smtp().security().key());
    p.put("smtpUser", m.smtp().user());
    p.put("sealed", sealed.orElse(null));
    p.put("env", m.password().environmentVariable().orElse(null));
    p.put("team", m.team().orElse(null));
    p.put("language", m.language());
    p.put("calendar", m.calendar().orElse(null));
    p.put("category", m.category());
    p.put("poll", m.pollSeconds());
    p.put("enabled", m.enabled());
    return p;
  }

  /**
   * Removes the mailbox; false when mail was already taken in through it (its cases keep pointing
   * at it, and replies go out from it), so it can only be disabled.
   */
  boolean delete(String id) {
    Integer used =
        jdbc.sql(
                """
                SELECT (SELECT COUNT(*) FROM mail_received WHERE mailbox_id = :id)
                     + (SELECT COUNT(*) FROM mail_quarantine WHERE mailbox_id = :id)
                """)
            .param("id", id)
            .query(Integer.class)
            .single();
    if (used > 0) {
      return false;
    }
    return jdbc.sql("DELETE FROM mailbox WHERE id = :id").param("id", id).update() == 1;
  }

  void fetched(String id, int count, Instant at) {
    jdbc.sql("UPDATE mailbox SET last_fetch_at = :at, last_fetched = :count WHERE id = :id")
        .param("id", id)
        .param("count", count)
        .param("at", Timestamp.from(at))
        .update();
  }

  void failed(String id, String error, Instant at) {
    jdbc.sql("UPDATE mailbox SET last_error = :error, last_error_at = :at WHERE id = :id")
        .param("id", id)
        .param("error", error.length() > 2000 ? error.substring(0, 2000) : error)
        .param("at", Timestamp.from(at))
        .update();
  }

  /**
   * Takes or renews the fetch lease of the mailbox for this node until {@code until}; false while
   * another node holds an unexpired one.
   */
  boolean lease(String id, String node, Instant now, Instant until) {
    return jdbc.sql(
                """
                UPDATE mailbox SET lease_owner = :node, lease_until = :until
                 WHERE id = :id AND (lease_owner IS NULL OR lease_owner = :node
                                     OR lease_until < :now)
                """)
            .param("id", id)
            .param("node", node)
            .param("now", Timestamp.from(now))
            .param("until", Timestamp.from(until))
            .update()
        == 1;
  }

  void release(String id, String node) {
    jdbc.sql(
            "UPDATE mailbox SET lease_owner = NULL, lease_until = NULL"
                + " WHERE id = :id AND lease_owner = :node")
        .param("id", id)
        .param("node", node)
        .update();
  }

  private static Mailbox row(ResultSet rs, int n) throws SQLException {
    return new Mailbox(
        rs.getString("id"),
        rs.getString("address"),
        rs.getString("display_name"),
        new Server(
            rs.getString("imap_host"),
            rs.getInt("imap_port"),
            security(rs.getString("imap_security")),
            rs.getString("imap_user")),
        rs.getString("imap_folder"),
        new Server(
            rs.getString("smtp_host"),
            rs.getInt("smtp_port"),
            security(rs.getString("smtp_security")),
            rs.getString("smtp_user")),
        new Password(
            rs.getString("password_sealed") != null,
            Optional.ofNullable(rs.getString("password_env"))),
        Optional.ofNullable(rs.getString("team")),
        rs.getString("language"),
        Optional.ofNullable(rs.getString("calendar")),
        rs.getString("category"),
        rs.getInt("poll_seconds"),
        rs.getBoolean("enabled"),
        new Health(
            instant(rs, "last_fetch_at"),
            rs.getInt("last_fetched"),
            Optional.ofNullable(rs.getString("last_error")),
            instant(rs, "last_error_at")),
        rs.getLong("version"));
  }

  private static Security security(String key) {
    return Security.valueOf(key.toUpperCase(Locale.ROOT));
  }

  private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(rs.getTimestamp(column)).map(Timestamp::toInstant);
  }
}
