package io.servicebook.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret key files under {@code <data-dir>/keys}: read, or made on first use with 32 random
 * bytes (base64, readable by their owner only); two processes making one at once both end up with
 * the same file.
 */
public final class KeyFiles {

  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyFiles() {}

  /** The key's bytes; {@code what} names the key in errors (such as "TOTP key"). */
  public static byte[] readOrMake(Path directory, String name, String what) {
    Path file = directory.resolve(name);
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(directory);
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        Path draft = Files.createTempFile(directory, name, ".new");
        try {
          Files.setPosixFilePermissions(draft, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
          // Windows: the data directory's own permissions apply
        }
        Files.writeString(draft, Base64.getEncoder().encodeToString(fresh) + "\n");
        try {
          Files.createLink(file, draft);
        } catch (FileAlreadyExistsException otherProcessWasFirst) {
          // another process made it at the same moment: use theirs
        } finally {
          Files.delete(draft);
        }
      }
      byte[] stored = Base64.getDecoder().decode(Files.readString(file).strip());
      if (stored.length < 32) {
        throw new IllegalStateException(
            file + " holds " + stored.length + " bytes; a " + what + " needs 32 (base64 encoded)");
      }
      return stored;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or make the " + what + " " + file, e);
    }
  }

  /**
   * A name for this process that is unique per process and start, at most {@code maxLength}
   * characters: host, pid and a random part, so each node's claims and leases can be told apart.
   */
  public static String nodeName(int maxLength) {
    String host = "node";
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      // keep the generic name; the pid and the random part still make it unique
    }
    String suffix =
        "-" + ProcessHandle.current().pid() + "-" + Integer.toHexString(RANDOM.nextInt(1 << 16));
    return (host.length() > maxLength - suffix.length()
            ? host.substring(0, maxLength - suffix.length())
            : host)
        + suffix;
  }
}
