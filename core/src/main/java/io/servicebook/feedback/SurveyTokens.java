package io.servicebook.feedback;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The tokens of survey links: 256 random bits from a {@link SecureRandom}, base64url without
 * padding (43 characters), so nobody can guess another customer's survey from their own.
 */
public final class SurveyTokens {

  /** How many random bytes a token carries. */
  static final int BYTES = 32;

  private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{43}");

  private final SecureRandom random;

  public SurveyTokens(SecureRandom random) {
    this.random = random;
  }

  public String next() {
    byte[] bytes = new byte[BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether the text could be a token this class gave out: worth looking up at all. */
  public static boolean isWellFormed(String text) {
    return FORM.matcher(text).matches();
  }
}
