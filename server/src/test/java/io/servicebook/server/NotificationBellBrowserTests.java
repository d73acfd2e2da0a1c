package io.servicebook.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.servicebook.server.live.LiveEvents;
import io.servicebook.server.notifications.Notifications;
import io.servicebook.server.security.Role;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The bell in Debian's Chromium, at 1280 and at 390 px: an agent sits on the inbox, a case is given
 * to them over the API, and the bell shows it without a reload, at once through the page's live
 * stream (the poll is set to ten minutes); the panel opens from the keyboard, lists it, marks it
 * read and leads to the case. The settings page works on both screens. Every state passes axe-core,
 * and nothing makes the phone's page wider than the phone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationBellBrowserTests {

  /** The screens the bell must work on. */
  enum Screen {
    DESKTOP(Browsers.Viewport.DESKTOP),
    PHONE(Browsers.Viewport.PHONE);

    final Browsers.Viewport viewport;

    Screen(Browsers.Viewport viewport) {
      this.viewport = viewport;
    }
  }

  RunningServer server;
  Browsers browsers;

  @BeforeAll
  void start(@TempDir Path data) {
    browsers = Browsers.launch(); // first: without Chromium the class is skipped before the server
    server =
        RunningServer.start(
            data,
            Map.of(),
            Map.of(
                "servicebook.protocols",
                ServerContractTests.STARTER_PACK.toString(),
                "servicebook.notifications.poll-interval",
                "600")); // so only the live stream can show news within the test's wait
  }

  @AfterEach
  void closePages() {
    if (browsers != null) {
      browsers.closePages();
    }
  }

  @AfterAll
  void stop() {
    if (browsers != null) {
      browsers.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Screen.class)
  void theBellShowsANewAssignmentWithoutAReload(Screen screen) throws Exception {
    String agent = "bell-" + screen.name().toLowerCase(java.util.Locale.ROOT);
    server.tokenFor(agent, Role.AGENT);
    Page page = logIn(browsers.newPage(screen.viewport), agent);
    Locator badge = page.locator("#bell-badge");
    assertThat(badge).hasAttribute("data-unread", "0");
    String subject = "Toaster sparks (" + screen + ")";
    page.evaluate("window.notReloaded = true");
    awaitLiveStream(agent);

    NotificationDrill drill = new NotificationDrill(server);
    drill.assign(drill.open("return", subject), RunningServer.TOKEN, agent, null);

    // the poll waits ten minutes: only the live stream's event can show it this soon
    assertThat(page.locator("#bell-badge .bell-count"))
        .hasText("1", new LocatorAssertions.HasTextOptions().setTimeout(5_000));
    assertThat((Boolean) page.evaluate("window.notReloaded === true"))
        .as("the page was not reloaded")
        .isTrue();
    page.locator("#bell-button").focus();
    page.keyboard().press("Enter");
    Locator item = page.locator("#bell-list .bell-item").first();
    assertThat(page.locator("#bell-panel")).isVisible();
    assertThat(item).containsText(subject);
    assertThat(item).hasClass(java.util.regex.Pattern.compile(".*bell-unread.*"));
    assertFitsTheScreen(page, screen);
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "bell-open-" + screen.name().toLowerCase(java.util.Locale.ROOT));

    item.locator(".bell-mark").click();

    assertThat(page.locator("#bell-badge")).hasAttribute("data-unread", "0");
    assertThat(page.locator("#bell-list .bell-unread")).hasCount(0);
    page.locator("#bell-list .bell-link").first().click();
    assertThat(page.locator("h1")).containsText(subject);
  }

  @ParameterizedTest
  @EnumSource(Screen.class)
  void theSettingsPageSavesAndRefusesWithAMessageAtTheField(Screen screen) throws Exception {
    String agent = "prefs-" + screen.name().toLowerCase(java.util.Locale.ROOT);
    server.tokenFor(agent, Role.AGENT);
    Page page = logIn(browsers.newPage(screen.viewport), agent);
    page.navigate(server.base + "/account/notifications");
    assertFitsTheScreen(page, screen);
    Axe.assertNoSeriousViolations(page);

    page.locator("#notify-email").fill("nobody");
    page.locator("#notify-email").evaluate("e => e.type = 'text'"); // past the browser's own check
    page.locator("#notify-case_assigned").selectOption("email");
    page.locator("#notify-prefs-submit").click();

    assertThat(page.locator("#notify-email-error")).isVisible();
    assertThat(page.locator("#notify-email")).hasAttribute("aria-invalid", "true");
    Axe.assertNoSeriousViolations(page);

    page.locator("#notify-email").fill(agent + "@example.com");
    page.locator("#notify-hours-only").check();
    page.locator("#notify-prefs-submit").click();

    assertThat(page.locator("#notify-prefs-saved")).isVisible();
    assertThat(page.locator("#notify-case_assigned")).hasValue("email");
    assertThat(page.locator("#notify-hours-only")).isChecked();
    Screenshots.save(
        page, "notification-settings-" + screen.name().toLowerCase(java.util.Locale.ROOT));
  }

  /** Waits until the agent's page listens on the live bus for the agent's notifications. */
  private void awaitLiveStream(String agent) throws InterruptedException {
    String topic = server.bean(Notifications.class).liveTopics(agent).getFirst();
    LiveEvents live = server.bean(LiveEvents.class);
    long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (live.subscribers(topic) == 0) {
      assertThat(System.nanoTime()).as("the page's live stream connected").isLessThan(until);
      Thread.sleep(50);
    }
  }

  private Page logIn(Page page, String user) {
    page.navigate(server.base + "/login");
    page.locator("input[name=username]").fill(user);
    page.locator("input[name=password]").fill("secret");
    page.locator("#login-form button[type=submit]").click();
    assertThat(page).not().hasURL(server.base + "/login");
    return page;
  }

  private static void assertFitsTheScreen(Page page, Screen screen) {
    assertThat((Integer) page.evaluate("document.documentElement.scrollWidth"))
        .as(
            "nothing makes the page wider than the screen: %s",
            page.evaluate(
                "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect()"
                    + ".right > window.innerWidth + 1).slice(0, 4).map(e => e.tagName + '.'"
                    + " + e.className).join(' | ')"))
        .isLessThanOrEqualTo(screen.viewport.width());
  }
}
