package io.servicebook.server.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ed25519 keys of the audit checkpoints: the pair that signs ({@code keys/audit-checkpoint.key}
 * in the data directory, made on first use, or {@code SERVICEBOOK_AUDIT_CHECKPOINTKEY} with {@code
 * SERVICEBOOK_AUDIT_CHECKPOINTPUBLICKEY}) and the public keys whose lines are believed ({@code
 * keys/audit-checkpoint.pub}, every key that ever signed, one a line, and the signing one).
 */
final class CheckpointKeys {

  private static final Logger log = LoggerFactory.getLogger(CheckpointKeys.class);

  private final Path keyFile;
  private final Path publicKeys;
  private final String configuredKey;
  private final String configuredPublicKey;
  private KeyPair signing;

  CheckpointKeys(AuditSettings settings, Path dataDir) {
    Path keys = dataDir.resolve("keys");
    this.keyFile = keys.resolve("audit-checkpoint.key");
    this.publicKeys = keys.resolve("audit-checkpoint.pub");
    this.configuredKey = settings.checkpointKey();
    this.configuredPublicKey = settings.checkpointPublicKey();
  }

  /** Where the public keys are kept, for messages. */
  Path publicKeys() {
    return publicKeys;
  }

  /** The public keys whose lines are believed, by id. */
  Map<String, PublicKey> trusted() {
    Map<String, PublicKey> trusted = new LinkedHashMap<>();
    try {
      if (Files.exists(publicKeys)) {
        for (String text : Files.readAllLines(publicKeys, StandardCharsets.UTF_8)) {
          if (!text.isBlank() && !text.startsWith("#")) {
            PublicKey key = publicKey(text.strip(), publicKeys.toString());
            trusted.put(idOf(key), key);
          }
        }
      }
      if (configuredPublicKey != null) {
        PublicKey key = publicKey(configuredPublicKey, "SERVICEBOOK_AUDIT_CHECKPOINTPUBLICKEY");
        trusted.put(idOf(key), key);
      } else if (Files.exists(keyFile)) {
        PublicKey key = readKeyFile().getPublic();
        trusted.put(idOf(key), key);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the checkpoint public keys", e);
    }
    return trusted;
  }

  /** The key pair that signs: configured, or the key file's, made on first use. */
  synchronized KeyPair signing() {
    if (signing != null) {
      return signing;
    }
    if (configuredKey != null) {
      signing =
          new KeyPair(
              publicKey(configuredPublicKey, "SERVICEBOOK_AUDIT_CHECKPOINTPUBLICKEY"),
              privateKey(configuredKey, "SERVICEBOOK_AUDIT_CHECKPOINTKEY"));
      return signing;
    }
    try {
      if (!Files.exists(keyFile)) {
        makeKeyFile();
      }
      signing = readKeyFile();
      return signing;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read or make the checkpoint key " + keyFile, e);
    }
  }

  private void makeKeyFile() throws IOException {
    KeyPair pair;
    try {
      pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK since 15 has Ed25519", e);
    }
    Base64.Encoder b64 = Base64.getEncoder();
    String publicText = b64.encodeToString(pair.getPublic().getEncoded());
    String text = b64.encodeToString(pair.getPrivate().getEncoded()) + "\n" + publicText + "\n";
    Files.createDirectories(keyFile.toAbsolutePath().getParent());
    try {
      try (var out =
          Files.newByteChannel(
              keyFile,
              EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
        out.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
      }
    } catch (UnsupportedOperationException e) {
      Files.writeString(keyFile, text, StandardOpenOption.CREATE_NEW);
    } catch (FileAlreadyExistsException e) {
      return; // another process made it first: that one is used
    }
    Files.writeString(
        publicKeys,
        publicText + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    log.info(
        "Made the audit checkpoint signing key {} (key id {}); its public key is kept in {}",
        keyFile,
        idOf(pair.getPublic()),
        publicKeys);
  }

  private KeyPair readKeyFile() throws IOException {
    List<String> lines =
        Files.readAllLines(keyFile, StandardCharsets.UTF_8).stream()
            .filter(l -> !l.isBlank())
            .toList();
    if (lines.size() != 2) {
      throw new IllegalStateException(
          keyFile
              + " should hold two base64 lines (the Ed25519 private key, then its public key),"
              + " not "
              + lines.size());
    }
    return new KeyPair(
        publicKey(lines.get(1).strip(), keyFile.toString()),
        privateKey(lines.get(0).strip(), keyFile.toString()));
  }

  private static PublicKey publicKey(String base64, String where) {
    try {
      return KeyFactory.getInstance("Ed25519")
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "The checkpoint public key in "
              + where
              + " is not a base64 X.509 Ed25519 public key: "
              + e.getMessage(),
          e);
    }
  }

  private static PrivateKey privateKey(String base64, String where) {
    try {
      return KeyFactory.getInstance("Ed25519")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "The checkpoint key in "
              + where
              + " is not a base64 PKCS#8 Ed25519 private key: "
              + e.getMessage(),
          e);
    }
  }

  static byte[] sign(PrivateKey key, String payload) {
    try {
      Signature signature = Signature.getInstance("Ed25519");
      signature.initSign(key);
      signature.update(payload.getBytes(StandardCharsets.UTF_8));
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not sign the audit checkpoint: " + e.getMessage(), e);
    }
  }

  static boolean verifies(PublicKey key, String payload, byte[] signature) {
    try {
      Signature check = Signature.getInstance("Ed25519");
      check.initVerify(key);
      check.update(payload.getBytes(StandardCharsets.UTF_8));
      return check.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** A public key's id: {@code ed25519-} and the start of its SHA-256. */
  static String idOf(PublicKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return "ed25519-" + HexFormat.of().formatHex(digest).substring(0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
