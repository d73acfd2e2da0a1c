package io.servicebook.server;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ViewportSize;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Full-page screenshots of what the browser tests saw, under {@code server/target/screenshots}, to
 * look at: {@code NAME-WIDTHxHEIGHT.png}, the size being the page's viewport.
 */
final class Screenshots {

  static final Path DIRECTORY = Path.of("target", "screenshots").toAbsolutePath();

  private Screenshots() {}

  /** Saves the whole page (not only the viewport) as a PNG and returns where. */
  static Path save(Page page, String name) {
    ViewportSize size = page.viewportSize();
    String suffix = size == null ? "" : "-" + size.width + "x" + size.height;
    Path file = DIRECTORY.resolve(name + suffix + ".png");
    try {
      Files.createDirectories(DIRECTORY);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
    return file;
  }
}
