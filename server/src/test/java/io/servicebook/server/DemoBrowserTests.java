package io.servicebook.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every browser test class has: Debian's Chromium and a server (the demo unless {@link
 * #settings()} says otherwise), started once per class; each test's pages are closed after it.
 * Without Chromium the class is skipped before the server starts (a failure when CI=true).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DemoBrowserTests {

  RunningServer server;
  Browsers browsers;

  /** The server's settings; the demo (starter pack, demo users and cases) by default. */
  Map<String, Object> settings() {
    return Map.of("servicebook.demo", true);
  }

  @BeforeAll
  void startBrowserAndServer(@TempDir Path data) {
    browsers = Browsers.launch();
    server = RunningServer.start(data, Map.of(), settings());
  }

  @AfterEach
  void closePages() {
    if (browsers != null) {
      browsers.closePages();
    }
  }

  @AfterAll
  void stopBrowserAndServer() {
    if (browsers != null) {
      browsers.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** Signs the page in as a demo user (password {@code demo}) through the login form. */
  Page logIn(Page page, String user) {
    page.navigate(server.base + "/login");
    page.locator("input[name=username]").fill(user);
    page.locator("input[name=password]").fill("demo");
    page.locator("#login-form button[type=submit]").click();
    assertThat(page).not().hasURL(server.base + "/login");
    return page;
  }
}
