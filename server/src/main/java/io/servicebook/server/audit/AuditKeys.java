package io.servicebook.server.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HMAC-SHA256 keys the audit chain is signed with, kept outside the database: from {@code
 * SERVICEBOOK_AUDIT_KEY} (one or more keys, hex or base64, comma-separated, the newest last) and
 * the key file ({@code keys/audit-hmac.key} in the data directory, one base64 key a line). The
 * newest key signs; older ones stay to verify the rows they signed. Each key is known by an id
 * derived from it, which every row records.
 */
public final class AuditKeys {

  /** The key id of rows chained with plain SHA-256, before the chain was keyed. */
  static final String LEGACY = "sha256";

  private static final Logger log = LoggerFactory.getLogger(AuditKeys.class);
  private static final String ALGORITHM = "HmacSHA256";
  private static final String ENVIRONMENT = "SERVICEBOOK_AUDIT_KEY";

  /** A key and its id. */
  record Key(String id, byte[] secret) {}

  /** What {@link #rotate()} did: the new key's id, and where it went or what to do with it. */
  public record Rotated(String id, Optional<Path> file, Optional<String> secretToAdd) {}

  private final String configured;
  private final Path file;
  private volatile List<Key> keys;
  private final java.util.Set<String> unknown = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final ThreadLocal<Map<String, Mac>> macs = ThreadLocal.withInitial(HashMap::new);

  private AuditKeys(String configured, Path file) {
    this.configured = configured;
    this.file = file;
    this.keys = load();
  }

  /** The keys of the settings and data directory. */
  public static AuditKeys of(AuditSettings settings, Path dataDir) {
    return new AuditKeys(settings.key(), settings.keyFile(dataDir));
  }

  /** The ids of the keys known, oldest first: the last one signs. */
  public List<String> ids() {
    return keys.stream().map(Key::id).toList();
  }

  /**
   * The key new rows are signed with. When no key is configured, one is made and written to the key
   * file (readable by its owner only) on first use.
   */
  Key signer() {
    List<Key> known = keys;
    return known.isEmpty() ? first() : known.getLast();
  }

  private synchronized Key first() {
    if (keys.isEmpty()) {
      create(fresh());
      keys = load();
      log.info(
          "No audit key was configured in {} or {}: made one there (key id {}), readable by its"
              + " owner only. Keep it apart from the database and its backups; with several"
              + " servers on one database, give them all the same keys.",
          ENVIRONMENT,
          file,
          keys.getLast().id());
    }
    return keys.getLast();
  }

  /** The key with this id; the key file is read again once when it is not known yet. */
  Optional<Key> find(String id) {
    Optional<Key> known = keys.stream().filter(k -> k.id().equals(id)).findFirst();
    if (known.isPresent() || !unknown.add(id)) {
      return known;
    }
    // a key added since (rotated, or another server's): read the file again, once per id
    keys = load();
    return keys.stream().filter(k -> k.id().equals(id)).findFirst();
  }

  /** The hex HMAC-SHA256 of a text under the key. */
  String sign(Key key, String text) {
    Mac mac =
        macs.get()
            .computeIfAbsent(
                key.id(),
                id -> {
                  try {
                    Mac m = Mac.getInstance(ALGORITHM);
                    m.init(new SecretKeySpec(key.secret(), ALGORITHM));
                    return m;
                  } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("every JDK has " + ALGORITHM, e);
                  }
                });
    return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Adds a new key that signs from the next start on; the old ones stay for verification. With keys
   * from {@code SERVICEBOOK_AUDIT_KEY} nothing is written: the new key is returned to be added
   * there.
   */
  public synchronized Rotated rotate() {
    byte[] secret = fresh();
    String id = idOf(secret);
    if (configured != null) {
      return new Rotated(
          id, Optional.empty(), Optional.of(Base64.getEncoder().encodeToString(secret)));
    }
    append(secret);
    keys = load();
    return new Rotated(id, Optional.of(file), Optional.empty());
  }

  private List<Key> load() {
    List<Key> loaded = new ArrayList<>();
    if (Files.exists(file)) {
      try {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i).strip();
          if (!line.isEmpty() && !line.startsWith("#")) {
            loaded.add(key(line, file + ":" + (i + 1)));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Could not read the audit key file " + file, e);
      }
    }
    if (configured != null) {
      String[] parts = configured.split("[,\\s]+");
      for (int i = 0; i < parts.length; i++) {
        if (!parts[i].isEmpty()) {
          loaded.add(key(parts[i], ENVIRONMENT + " (key " + (i + 1) + ")"));
        }
      }
    }
    return List.copyOf(loaded);
  }

  private static Key key(String text, String where) {
    byte[] secret;
    if (text.length() % 2 == 0 && text.matches("[0-9a-fA-F]+")) {
      secret = HexFormat.of().parseHex(text);
    } else {
      try {
        secret =
            text.contains("-") || text.contains("_")
                ? Base64.getUrlDecoder().decode(text)
                : Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "The audit key in " + where + " is neither hex nor base64: " + e.getMessage(), e);
      }
    }
    if (secret.length < 16) {
      throw new IllegalArgumentException(
          "The audit key in "
              + where
              + " has "
              + secret.length
              + " bytes; an HMAC key needs at least 16 (32 random bytes are best).");
    }
    return new Key(idOf(secret), secret);
  }

  /** A key's id: a fingerprint that names it without giving anything of it away. */
  static String idOf(byte[] secret) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret, ALGORITHM));
      byte[] print = mac.doFinal("servicebook audit key id".getBytes(StandardCharsets.UTF_8));
      return "hmac-" + HexFormat.of().formatHex(print).substring(0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has " + ALGORITHM, e);
    }
  }

  private static byte[] fresh() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return secret;
  }

  /** Makes the key file with its first key; when another process made it first, keeps that. */
  private void create(byte[] secret) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path next = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid());
      Files.deleteIfExists(next);
      ownerOnly(next);
      Files.writeString(
          next,
          Base64.getEncoder().encodeToString(secret) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.WRITE);
      try {
        Files.createLink(file, next); // fails when the file exists: never two first keys
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // another process made it first: that key signs
      } finally {
        Files.delete(next);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the audit key file " + file, e);
    }
  }

  /** Adds a key to the file, written whole to a new file first, readable by its owner only. */
  private void append(byte[] secret) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      String before = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
      if (!before.isEmpty() && !before.endsWith("\n")) {
        before += "\n";
      }
      String text = before + Base64.getEncoder().encodeToString(secret) + "\n";
      Path next = file.resolveSibling(file.getFileName() + ".new");
      Files.deleteIfExists(next);
      ownerOnly(next);
      Files.writeString(next, text, StandardCharsets.UTF_8, StandardOpenOption.WRITE);
      try (var channel = java.nio.channels.FileChannel.open(next, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the audit key file " + file, e);
    }
  }

  /** Creates an empty file only its owner may read and write (where the file system knows). */
  static void ownerOnly(Path path) throws IOException {
    try {
      Files.createFile(
          path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(path);
    }
  }
}
