package io.servicebook.server;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The server's own settings ({@code servicebook.*}): where data lives, which protocol pack to
 * import at start, whether to load the demo, and the bootstrap API token.
 */
@ConfigurationProperties("servicebook")
public record ServerSettings(Path dataDir, Path protocols, boolean demo, String bootstrapToken) {

  public ServerSettings {
    dataDir = dataDir == null ? Path.of("data") : dataDir;
    bootstrapToken = bootstrapToken == null || bootstrapToken.isBlank() ? null : bootstrapToken;
  }
}
