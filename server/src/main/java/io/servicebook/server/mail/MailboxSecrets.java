package io.servicebook.server.mail;

import io.servicebook.server.KeyFiles;
import io.servicebook.server.ServerSettings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Seals mailbox passwords for the database and opens them again: AES-256-GCM under a key from
 * {@code servicebook.mail.key} or, without it, {@code <data-dir>/keys/mail.key} (32 random bytes,
 * made on first use, readable by its owner only). The mailbox's id is bound into each sealed
 * password, so one copied to another mailbox's row does not open.
 */
@Component
class MailboxSecrets {

  private static final String KEY_FILE = "mail.key";
  private static final int NONCE_BYTES = 12;

  private final MailSettings settings;
  private final Path keyDirectory;
  private final SecureRandom random = new SecureRandom();
  private volatile SecretKeySpec key;

  MailboxSecrets(MailSettings settings, ServerSettings server) {
    this.settings = settings;
    this.keyDirectory = server.dataDir().resolve("keys");
  }

  String seal(String mailboxId, String password) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] sealed = crypt(Cipher.ENCRYPT_MODE, mailboxId, nonce, password.getBytes(UTF8));
    return "v1:"
        + Base64.getEncoder()
            .encodeToString(
                ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
  }

  String open(String mailboxId, String sealed) {
    if (!sealed.startsWith("v1:")) {
      throw new IllegalStateException(
          "the password of mailbox " + mailboxId + " is stored in an unknown form: a bug");
    }
    byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));
    byte[] nonce = java.util.Arrays.copyOf(bytes, NONCE_BYTES);
    byte[] body = java.util.Arrays.copyOfRange(bytes, NONCE_BYTES, bytes.length);
    return new String(crypt(Cipher.DECRYPT_MODE, mailboxId, nonce, body), UTF8);
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private byte[] crypt(int mode, String mailboxId, byte[] nonce, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, key(), new GCMParameterSpec(128, nonce));
      cipher.updateAAD(("servicebook mailbox " + mailboxId).getBytes(UTF8));
      return cipher.doFinal(input);
    } catch (AEADBadTagException e) {
      throw new IllegalStateException(
          "The password of mailbox "
              + mailboxId
              + " does not open with this server's mail key: was servicebook.mail.key or "
              + keyDirectory.resolve(KEY_FILE)
              + " changed, or do the nodes use different keys? Restore the key, or enter the"
              + " mailbox's password again on /admin/mailboxes.",
          e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is missing from this Java runtime", e);
    }
  }

  private SecretKeySpec key() {
    SecretKeySpec known = key;
    if (known == null) {
      synchronized (this) {
        if (key == null) {
          byte[] material = settings.key() != null ? settings.key().getBytes(UTF8) : keyFile();
          key = new SecretKeySpec(sha256("servicebook mail secrets v1", material), "AES");
        }
        known = key;
      }
    }
    return known;
  }

  private static byte[] sha256(String label, byte[] material) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(label.getBytes(UTF8));
      return digest.digest(material);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  private byte[] keyFile() {
    return KeyFiles.readOrMake(keyDirectory, KEY_FILE, "mail key");
  }
}
