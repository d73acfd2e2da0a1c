package io.servicebook.server.mail;

import io.servicebook.server.mail.Mailbox.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A mailbox's settings as an admin sent them (the API's JSON or the admin page's form, both flat:
 * {@code imap_host}, {@code smtp_port} …), read into checked values with every bad field and what
 * is accepted instead. The password is write-only: empty keeps the stored one.
 */
record MailboxRequest(
    String address,
    String displayName,
    Mailbox.Server imap,
    String imapFolder,
    Mailbox.Server smtp,
    Optional<String> password,
    Optional<String> passwordEnv,
    Optional<String> team,
    String language,
    Optional<String> calendar,
    String category,
    int pollSeconds,
    boolean enabled) {

  /** A field that is missing or wrong, and why. */
  record FieldError(String field, String message) {}

  static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+");
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
  private static final Pattern ENV = Pattern.compile("[A-Z_][A-Z0-9_]{0,99}");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,255}");
  private static final Set<String> LOCAL = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

  /** Reads a body; {@code calendars} says which calendar names exist. */
  static Result read(Map<String, ?> body, Predicate<String> calendars) {
    Reader r = new Reader(body == null ? Map.of() : body);
    String address = r.text("address", true, 320);
    if (address != null && !EMAIL.matcher(address).matches()) {
      r.error(
          "address",
          "“" + address + "” is not an email address; write it like support@example.com.");
    }
    String name = r.text("display_name", false, 200);
    Mailbox.Server imap = r.server("imap", 993, Security.TLS, address);
    String folder = Optional.ofNullable(r.text("imap_folder", false, 200)).orElse("INBOX");
    Mailbox.Server smtp = r.server("smtp", 587, Security.STARTTLS, address);
    String password = r.text("password", false, 500);
    String env = r.text("password_env", false, 100);
    if (env != null && !ENV.matcher(env).matches()) {
      r.error(
          "password_env",
          "“"
              + env
              + "” is not an environment variable's name; write it like SUPPORT_MAIL_PASSWORD.");
    }
    if (env != null && password != null) {
      r.error(
          "password_env",
          "give either a password or the environment variable that holds it, not both.");
    }
    String team = r.text("team", false, 100);
    String language = Optional.ofNullable(r.text("language", false, 35)).orElse("en");
    if (!LANGUAGE.matcher(language).matches()) {
      r.error("language", "“" + language + "” is not a language tag; write it like en or pt-BR.");
    }
    String calendar = r.text("calendar", false, 100);
    if (calendar != null && !calendars.test(calendar)) {
      r.error(
          "calendar",
          "“" + calendar + "” is no calendar of the protocol pack; see GET /api/v1/calendars.");
    }
    String category = Optional.ofNullable(r.text("category", false, 100)).orElse("general");
    Integer poll = r.number("poll_seconds", 60, 5, 3600);
    boolean enabled = r.flag("enabled", true);
    if (!r.errors.isEmpty()) {
      return new Result.Invalid(r.errors);
    }
    return new Result.Valid(
        new MailboxRequest(
            address,
            name == null ? address : name,
            imap,
            folder,
            smtp,
            Optional.ofNullable(password),
            Optional.ofNullable(env),
            Optional.ofNullable(team),
            language,
            Optional.ofNullable(calendar),
            category,
            poll,
            enabled));
  }

  /** A body read into a request, or every problem found in it. */
  sealed interface Result {
    record Valid(MailboxRequest request) implements Result {}

    record Invalid(List<FieldError> errors) implements Result {}
  }

  /** The members of the body, read by name; problems go to one list. */
  private static final class Reader {
    private final Map<String, ?> values;
    private final List<FieldError> errors = new ArrayList<>();

    Reader(Map<String, ?> values) {
      this.values = values;
    }

    void error(String name, String message) {
      errors.add(new FieldError(name, message));
    }

    String text(String name, boolean required, int maxLength) {
      Object value = values.get(name);
      if (value instanceof List<?> list && list.size() == 1) {
        value = list.getFirst();
      }
      if (value == null || (value instanceof String s && s.isBlank())) {
        if (required) {
          error(name, "is required.");
        }
        return null;
      }
      String s =
          value instanceof String text ? text : value instanceof Number n ? n.toString() : null;
      if (s == null) {
        error(name, "must be a string, not " + value + ".");
        return null;
      }
      if (s.length() > maxLength) {
        error(name, "is too long (" + s.length() + " characters); at most " + maxLength + ".");
        return null;
      }
      return s.strip();
    }

    Integer number(String name, int fallback, int min, int max) {
      String text = text(name, false, 10);
      if (text == null) {
        return fallback;
      }
      try {
        int n = Integer.parseInt(text);
        if (n >= min && n <= max) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below with what is accepted
      }
      error(
          name, "“" + text + "” is not accepted; a whole number from " + min + " to " + max + ".");
      return fallback;
    }

    boolean flag(String name, boolean fallback) {
      Object value = values.get(name);
      if (value instanceof Boolean b) {
        return b;
      }
      String text = text(name, false, 10);
      if (text == null) {
        return fallback;
      }
      return switch (text.toLowerCase(Locale.ROOT)) {
        case "true", "on", "yes" -> true;
        case "false", "off", "no" -> false;
        default -> {
          error(name, "“" + text + "” is not accepted; true or false.");
          yield fallback;
        }
      };
    }

    Mailbox.Server server(String prefix, int port, Security security, String address) {
      String host = text(prefix + "_host", true, 255);
      if (host != null && !HOST.matcher(host).matches()) {
        error(
            prefix + "_host", "“" + host + "” is not a host name; write it like imap.example.com.");
      }
      String secured = text(prefix + "_security", false, 10);
      Security chosen = security;
      if (secured != null) {
        try {
          chosen = Security.valueOf(secured.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          error(
              prefix + "_security",
              "“" + secured + "” is not accepted; choose one of tls, starttls, none.");
        }
      }
      if (chosen == Security.NONE
          && host != null
          && !LOCAL.contains(host.toLowerCase(Locale.ROOT))) {
        error(
            prefix + "_security",
            "none (no encryption) is only for a mail server on this machine (localhost,"
                + " 127.0.0.1); use tls or starttls for "
                + host
                + ".");
      }
      int defaultPort = chosen == Security.TLS ? port == 993 ? 993 : 465 : port == 993 ? 143 : 587;
      int chosenPort = number(prefix + "_port", defaultPort, 1, 65535);
      String user = Optional.ofNullable(text(prefix + "_user", false, 320)).orElse(address);
      return new Mailbox.Server(
          host == null ? "" : host, chosenPort, chosen, user == null ? "" : user);
    }
  }
}
