package io.servicebook.server.security;

import io.servicebook.server.Databases;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * How {@code servicebook user token} reaches a server that holds the embedded database: at start
 * the server writes its address and a secret made for this run to {@code
 * <data-dir>/server-access.properties} (readable by its owner only) and removes the file when it
 * stops. The secret is accepted for one request only, making an API token ({@code POST
 * /api/v1/tokens}, as the user {@code cli} with the admin role). Whoever can read the data
 * directory can read the database file anyway, so the file gives nobody more than they have.
 */
@Component
@ConditionalOnWebApplication
public class LocalAccess implements ApplicationListener<WebServerInitializedEvent> {

  public static final String FILE = "server-access.properties";

  /** The actor of what is done with the secret, as the offline command line's. */
  public static final String ACTOR = "cli";

  /** What the secret counts as: a token of scope admin that never expires and is never stored. */
  static final ApiTokens.Token TOKEN =
      new ApiTokens.Token(
          0,
          ACTOR,
          "the running server's local access",
          Set.of(TokenScope.ADMIN),
          Instant.EPOCH,
          Optional.empty(),
          Optional.empty(),
          Optional.empty());

  private static final Logger LOG = LoggerFactory.getLogger(LocalAccess.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Environment environment;
  private final String secret;
  private volatile Path written;

  LocalAccess(Environment environment) {
    this.environment = environment;
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    this.secret = "sb_local_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A running server's address and secret, as the command line reads them. */
  public record Address(URI url, String secret) {}

  /** The address a server on this data directory left, if one did. */
  public static Optional<Address> read(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    String url = properties.getProperty("url");
    String secret = properties.getProperty("secret");
    if (url == null || secret == null) {
      return Optional.empty();
    }
    return Optional.of(new Address(URI.create(url), secret));
  }

  /** Whether a bearer token is this run's secret (compared in constant time). */
  boolean accepts(String bearer) {
    return written != null
        && MessageDigest.isEqual(
            secret.getBytes(StandardCharsets.UTF_8), bearer.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void onApplicationEvent(WebServerInitializedEvent event) {
    String dataDir = environment.getProperty("servicebook.data-dir");
    String database = environment.getProperty("spring.datasource.url", "");
    if (dataDir == null
        || !Databases.isEmbedded(database)
        || event.getApplicationContext().getServerNamespace() != null) {
      // not the embedded database, or the management port's server
      return;
    }
    String host = environment.getProperty("server.address", "127.0.0.1");
    if (host.equals("0.0.0.0") || host.equals("::") || host.isBlank()) {
      host = "127.0.0.1";
    }
    String url =
        "http://"
            + (host.contains(":") ? "[" + host + "]" : host)
            + ":"
            + event.getWebServer().getPort()
            + environment.getProperty("server.servlet.context-path", "");
    Path directory = Path.of(dataDir);
    Path file = directory.resolve(FILE);
    try {
      Path draft = Files.createTempFile(directory, FILE, ".new");
      try {
        Files.setPosixFilePermissions(draft, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the data directory's own permissions apply
      }
      Files.writeString(
          draft,
          "# Written by the running server for `servicebook user token`; removed when it stops.\n"
              + "url="
              + url
              + "\nsecret="
              + secret
              + "\npid="
              + ProcessHandle.current().pid()
              + "\n");
      Files.move(draft, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      written = file;
    } catch (IOException e) {
      LOG.warn("Cannot write {}: `servicebook user token` cannot reach this server", file, e);
    }
  }

  @PreDestroy
  void remove() {
    Path file = written;
    written = null;
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        LOG.warn("Cannot remove {}", file, e);
      }
    }
  }
}
