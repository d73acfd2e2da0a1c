package io.servicebook.server.security;

import io.servicebook.server.KeyFiles;
import io.servicebook.server.ServerSettings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Seals TOTP secrets for the database and opens them again: AES-256-GCM under a key derived from
 * {@code servicebook.login.totp-key} or, without it, from {@code <data-dir>/keys/totp.key} (32
 * random bytes, made on first use). The user's id is bound into each sealed secret, so a secret
 * copied to another user's row does not open. Someone who reads the database alone learns no
 * secret.
 */
@Component
class TotpSecrets {

  private static final String KEY_FILE = "totp.key";
  private static final int NONCE_BYTES = 12;

  private final SecondFactorSettings settings;
  private final Path keyDirectory;
  private final SecureRandom random = new SecureRandom();
  private volatile SecretKeySpec key;

  TotpSecrets(SecondFactorSettings settings, ServerSettings server) {
    this.settings = settings;
    this.keyDirectory = server.dataDir().resolve("keys");
  }

  /** A fresh random secret for an authenticator app. */
  byte[] newSecret() {
    byte[] secret = new byte[Totp.SECRET_BYTES];
    random.nextBytes(secret);
    return secret;
  }

  String seal(long userId, byte[] secret) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, nonce));
      cipher.updateAAD(associated(userId));
      byte[] sealed = cipher.doFinal(secret);
      return "v1:"
          + Base64.getEncoder()
              .encodeToString(
                  ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is missing from this Java runtime", e);
    }
  }

  byte[] open(long userId, String sealed) {
    if (!sealed.startsWith("v1:")) {
      throw new IllegalStateException(
          "the second factor of user " + userId + " is stored in an unknown form: a bug");
    }
    byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, bytes, 0, NONCE_BYTES));
      cipher.updateAAD(associated(userId));
      return cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw new IllegalStateException(
          "The second factor of user "
              + userId
              + " does not open with this server's TOTP key: was servicebook.login.totp-key or "
              + keyDirectory.resolve(KEY_FILE)
              + " changed, or do the nodes use different keys? Restore the key, or have an"
              + " administrator reset the user's second factor.",
          e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is missing from this Java runtime", e);
    }
  }

  private static byte[] associated(long userId) {
    return ("servicebook second factor of user " + userId).getBytes(StandardCharsets.UTF_8);
  }

  private SecretKeySpec key() {
    SecretKeySpec known = key;
    if (known == null) {
      synchronized (this) {
        if (key == null) {
          key =
              derive(
                  settings.totpKey() != null
                      ? settings.totpKey().getBytes(StandardCharsets.UTF_8)
                      : keyFile());
        }
        known = key;
      }
    }
    return known;
  }

  private byte[] keyFile() {
    return KeyFiles.readOrMake(keyDirectory, KEY_FILE, "TOTP key");
  }

  /** HMAC-SHA256 of a fixed label under the key material: the AES key, whatever the input. */
  private static SecretKeySpec derive(byte[] material) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(material, "HmacSHA256"));
      return new SecretKeySpec(
          mac.doFinal("servicebook totp secrets v1".getBytes(StandardCharsets.UTF_8)), "AES");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
    }
  }
}
