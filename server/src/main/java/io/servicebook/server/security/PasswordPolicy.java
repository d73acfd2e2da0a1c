package io.servicebook.server.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What a password someone chooses must be: at least {@code servicebook.password.min-length}
 * characters (12 by default), at most 128, not the user name and not one of the most common
 * passwords (the list in {@code common-passwords.txt}, see the README beside it). No composition
 * rules: a long phrase of plain words is a good password.
 */
@Component
public class PasswordPolicy {

  public static final int MAX_LENGTH = 128;

  /** The shortest minimum an operator may configure. */
  static final int LOWEST_MIN_LENGTH = 8;

  private static final Set<String> COMMON = load();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final int minLength;

  PasswordPolicy(@Value("${servicebook.password.min-length:12}") int minLength) {
    if (minLength < LOWEST_MIN_LENGTH || minLength > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "servicebook.password.min-length must be between "
              + LOWEST_MIN_LENGTH
              + " and "
              + MAX_LENGTH
              + ", not "
              + minLength);
    }
    this.minLength = minLength;
  }

  /**
   * One rule a password breaks, with a sentence that says which and what to do, and the numbers in
   * it (for pages that say it in the reader's language: {@code password.rule.RULE} with them).
   */
  public record Violation(String rule, String message, List<Object> values) {
    public Violation {
      values = List.copyOf(values);
    }
  }

  public int minLength() {
    return minLength;
  }

  /** Every rule the password breaks; empty when it is acceptable. Never quotes the password. */
  public List<Violation> check(String username, String password) {
    List<Violation> violations = new ArrayList<>();
    int length = password == null ? 0 : password.codePointCount(0, password.length());
    if (length < minLength) {
      violations.add(
          new Violation(
              "too-short",
              "The password has "
                  + length
                  + " characters; it needs at least "
                  + minLength
                  + ". A few plain words in a row make a good one.",
              List.of(length, minLength)));
    }
    if (length > MAX_LENGTH) {
      violations.add(
          new Violation(
              "too-long",
              "The password has " + length + " characters; at most " + MAX_LENGTH + " are allowed.",
              List.of(length, MAX_LENGTH)));
    }
    if (password != null && username != null && password.equalsIgnoreCase(username.strip())) {
      violations.add(
          new Violation("user-name", "The password is the user name; choose another.", List.of()));
    }
    if (password != null && COMMON.contains(password.toLowerCase(Locale.ROOT))) {
      violations.add(
          new Violation(
              "common",
              "The password is one of the "
                  + COMMON.size()
                  + " most common passwords, which are tried first when guessing; choose"
                  + " another.",
              List.of(COMMON.size())));
    }
    return violations;
  }

  /**
   * A password made for someone (a one-time password an admin hands over, the command line's
   * default): random URL-safe characters, 16 or the minimum length if that is more.
   */
  public String generate() {
    int length = Math.max(16, minLength);
    byte[] bytes = new byte[(length * 3 + 3) / 4];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, length);
  }

  /** The violations as one sentence each, for a message on the command line or a page. */
  public static String describe(List<Violation> violations) {
    return String.join(" ", violations.stream().map(Violation::message).toList());
  }

  private static Set<String> load() {
    try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
      if (in == null) {
        throw new IllegalStateException(
            "common-passwords.txt is missing beside PasswordPolicy in the jar: a build bug");
      }
      Set<String> common = new HashSet<>();
      new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
          .lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .forEach(line -> common.add(line.strip()));
      return Set.copyOf(common);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
