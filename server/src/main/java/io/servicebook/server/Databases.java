package io.servicebook.server;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Chooses the database: PostgreSQL when {@code SERVICEBOOK_DB_URL} is set (with {@code
 * SERVICEBOOK_DB_USER} and {@code SERVICEBOOK_DB_PASSWORD}), else an H2 file in the data directory,
 * so a fresh machine needs nothing installed.
 */
public final class Databases {

  private Databases() {}

  /** Spring datasource properties for the environment and data directory. */
  public static Map<String, Object> properties(Map<String, String> environment, Path dataDir) {
    Map<String, Object> properties = new LinkedHashMap<>();
    String url = environment.get("SERVICEBOOK_DB_URL");
    if (url != null && !url.isBlank()) {
      properties.put("spring.datasource.url", url);
      properties.put(
          "spring.datasource.username", environment.getOrDefault("SERVICEBOOK_DB_USER", ""));
      properties.put(
          "spring.datasource.password", environment.getOrDefault("SERVICEBOOK_DB_PASSWORD", ""));
    } else {
      Path file = dataDir.toAbsolutePath().resolve("servicebook");
      // WRITE_DELAY=0: a commit is written to the file before it returns, not up to 500 ms later
      // in the background, so a killed process keeps every commit it acknowledged (DurableCommits
      // adds the sync to the device)
      properties.put(
          "spring.datasource.url",
          "jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
      properties.put("spring.datasource.username", "sa");
      properties.put("spring.datasource.password", "");
    }
    return properties;
  }

  /** Whether a JDBC URL points at H2 (embedded) rather than a server database. */
  public static boolean isEmbedded(String url) {
    return url.startsWith("jdbc:h2:");
  }
}
