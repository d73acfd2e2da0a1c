package io.servicebook.server;

import java.io.InputStream;
import java.nio.file.Files;
import java.util.Map;
import java.util.zip.ZipInputStream;

/** The previous release's embedded database, opened by this release. */
class H2UpgradeTests extends UpgradeContractTests {

  @Override
  Map<String, String> previousRelease() throws Exception {
    Files.createDirectories(dataDir);
    try (InputStream in = getClass().getResourceAsStream("/upgrade/h2-14da323.zip");
        ZipInputStream zip = new ZipInputStream(in)) {
      zip.getNextEntry();
      Files.copy(zip, dataDir.resolve("servicebook.mv.db"));
    }
    return Map.of();
  }

  @Override
  String oldToken() {
    return "sb_hEcG5R8s5JsMuu9C95oXpBJkkYTERD1RV9CbOXfiUww";
  }
}
