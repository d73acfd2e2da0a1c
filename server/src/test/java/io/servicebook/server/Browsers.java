package io.servicebook.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium driven by Playwright for browser tests: one browser per test class ({@link
 * #launch()} in {@code @BeforeAll}, {@link #close()} in {@code @AfterAll}) and a fresh context for
 * every page ({@link #newPage()} in a test, {@link #closePages()} in {@code @AfterEach}).
 *
 * <p>Playwright never downloads a browser here: where {@code /usr/bin/chromium} is missing the
 * tests are skipped — except in CI (CI=true), where that fails the run ({@code .ci/run} installs
 * it). Launch it before starting a server, so a skipped class costs nothing.
 */
final class Browsers implements AutoCloseable {

  static final Path CHROMIUM =
      Path.of(System.getenv().getOrDefault("SERVICEBOOK_TEST_CHROMIUM", "/usr/bin/chromium"));

  /** A window size: the desktop the console is designed for, and a phone it must work on. */
  record Viewport(int width, int height) {
    static final Viewport DESKTOP = new Viewport(1280, 800);
    static final Viewport PHONE = new Viewport(390, 844);

    @Override
    public String toString() {
      return width + "x" + height;
    }
  }

  private final Playwright playwright;
  private final Browser browser;
  private final List<BrowserContext> contexts = new ArrayList<>();

  private Browsers(Playwright playwright, Browser browser) {
    this.playwright = playwright;
    this.browser = browser;
  }

  /**
   * Starts Playwright and a headless Chromium from {@link #CHROMIUM}; skips where it is missing.
   */
  static Browsers launch() {
    if (!Files.isExecutable(CHROMIUM)) {
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException(
            "CI needs Chromium at " + CHROMIUM + " (.ci/run installs Debian's chromium package)");
      }
      assumeTrue(false, "No Chromium at " + CHROMIUM + "; skipping (apt-get install chromium)");
    }
    Playwright playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    try {
      Browser browser =
          playwright
              .chromium()
              .launch(
                  new BrowserType.LaunchOptions()
                      .setExecutablePath(CHROMIUM)
                      .setHeadless(true)
                      .setArgs(List.of("--no-sandbox")));
      return new Browsers(playwright, browser);
    } catch (RuntimeException e) {
      playwright.close();
      throw e;
    }
  }

  /** The browser's version, e.g. {@code 156.0.8078.79}. */
  String version() {
    return browser.version();
  }

  /** A page in a fresh context (no cookies, no storage) at 1280×800. */
  Page newPage() {
    return newPage(Viewport.DESKTOP);
  }

  /** A page in a fresh context at 390×844, the phone the console must stay usable on. */
  Page newPhonePage() {
    return newPage(Viewport.PHONE);
  }

  /** A page in a fresh context (no cookies, no storage) at the viewport. */
  Page newPage(Viewport viewport) {
    return newContext(
            new Browser.NewContextOptions().setViewportSize(viewport.width(), viewport.height()))
        .newPage();
  }

  /**
   * A fresh context with the options (locale, time zone, base URL, …), closed by {@link
   * #closePages()}.
   */
  BrowserContext newContext(Browser.NewContextOptions options) {
    BrowserContext context = browser.newContext(options);
    contexts.add(context);
    return context;
  }

  /** Closes every context (and its pages) opened since the last call; for {@code @AfterEach}. */
  void closePages() {
    contexts.forEach(BrowserContext::close);
    contexts.clear();
  }

  @Override
  public void close() {
    closePages();
    browser.close();
    playwright.close();
  }
}
