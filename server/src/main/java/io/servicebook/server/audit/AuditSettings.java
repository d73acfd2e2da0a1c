package io.servicebook.server.audit;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The audit trail's settings ({@code servicebook.audit.*}): its HMAC keys ({@code key}, from {@code
 * SERVICEBOOK_AUDIT_KEY}, or the key file), the Ed25519 key of its checkpoints, where the
 * checkpoints go and how often, and how often the trail is checked. Files default to the data
 * directory.
 */
@ConfigurationProperties("servicebook.audit")
public record AuditSettings(
    String key,
    Path keyFile,
    String checkpointKey,
    String checkpointPublicKey,
    Path checkpointFile,
    Duration checkpointEvery,
    Duration checkEvery) {

  public AuditSettings {
    key = key == null || key.isBlank() ? null : key.strip();
    checkpointKey = checkpointKey == null || checkpointKey.isBlank() ? null : checkpointKey.strip();
    checkpointPublicKey =
        checkpointPublicKey == null || checkpointPublicKey.isBlank()
            ? null
            : checkpointPublicKey.strip();
    checkpointEvery = positive(checkpointEvery, Duration.ofMinutes(10), "checkpoint-every");
    checkEvery = positive(checkEvery, Duration.ofHours(1), "check-every");
    if ((checkpointKey == null) != (checkpointPublicKey == null)) {
      throw new IllegalArgumentException(
          "servicebook.audit.checkpoint-key (SERVICEBOOK_AUDIT_CHECKPOINTKEY) and"
              + " servicebook.audit.checkpoint-public-key (SERVICEBOOK_AUDIT_CHECKPOINTPUBLICKEY)"
              + " go together: set both or neither.");
    }
  }

  /** Nothing set: keys and checkpoints in the data directory, the default intervals. */
  public static AuditSettings defaults() {
    return new AuditSettings(null, null, null, null, null, null, null);
  }

  /** The HMAC key file: {@code key-file}, or {@code keys/audit-hmac.key} in the data directory. */
  Path keyFile(Path dataDir) {
    return keyFile != null ? keyFile : dataDir.resolve("keys").resolve("audit-hmac.key");
  }

  /** The checkpoint file: {@code checkpoint-file}, or {@code audit-checkpoints.jsonl}. */
  Path checkpointFile(Path dataDir) {
    return checkpointFile != null ? checkpointFile : dataDir.resolve("audit-checkpoints.jsonl");
  }

  private static Duration positive(Duration value, Duration otherwise, String name) {
    Duration d = value == null ? otherwise : value;
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(
          "servicebook.audit."
              + name
              + " must be a positive duration such as PT1H, not "
              + d
              + ".");
    }
    return d;
  }
}
