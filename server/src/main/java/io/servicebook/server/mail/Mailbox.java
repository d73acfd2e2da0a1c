package io.servicebook.server.mail;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A support address customers write to, as an admin configured it: where its mail is fetched
 * (IMAP), where replies go out (SMTP), and what a new case from it gets (team, language, calendar,
 * category). Its password is never part of it; {@link Health} is how its fetching goes.
 */
public record Mailbox(
    String id,
    String address,
    String displayName,
    Server imap,
    String imapFolder,
    Server smtp,
    Password password,
    Optional<String> team,
    String language,
    Optional<String> calendar,
    String category,
    int pollSeconds,
    boolean enabled,
    Health health,
    long version) {

  /** How a connection to a mail server is protected. */
  public enum Security {
    /** TLS from the first byte (IMAPS on 993, SMTPS on 465). */
    TLS,
    /** Plain at first, then upgraded with STARTTLS, which is required (SMTP on 587). */
    STARTTLS,
    /** No encryption at all: only for a mail server on this machine, such as the demo's. */
    NONE;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A mail server and the account on it. */
  public record Server(String host, int port, Security security, String user) {}

  /** Where the password is: sealed in the database, in an environment variable, or nowhere. */
  public record Password(boolean stored, Optional<String> environmentVariable) {
    public String describe() {
      return environmentVariable
          .map(v -> "from $" + v)
          .orElse(stored ? "stored encrypted" : "none");
    }
  }

  /**
   * How fetching goes: when it last fetched and how many mails, and the last error (kept until a
   * later fetch succeeds).
   */
  public record Health(
      Optional<Instant> lastFetchAt,
      int lastFetched,
      Optional<String> lastError,
      Optional<Instant> lastErrorAt) {

    /** Whether the latest attempt failed: the error came after the last good fetch. */
    public boolean failing() {
      return lastErrorAt.isPresent()
          && (lastFetchAt.isEmpty() || lastErrorAt.get().isAfter(lastFetchAt.get()));
    }
  }
}
