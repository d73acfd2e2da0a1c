package io.servicebook.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.servicebook.server.security.Role;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code /admin/teams} in Debian's Chromium, at 1280 and at 390 px: an admin creates a team, adds a
 * member as its lead, and edits the escalation ladder, first with a mistake shown at its field,
 * then correctly. Every state passes axe-core, and nothing makes the phone's page wider than the
 * phone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TeamsPageBrowserTests {

  /** The screens the page must work on. */
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
    server = RunningServer.start(data, Map.of(), Map.of());
    server.tokenFor("ada", Role.ADMIN);
    server.tokenFor("ann", Role.AGENT);
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
  void anAdminCreatesATeamMarksItsLeadAndEditsTheLadder(Screen screen) throws Exception {
    String key = "cups-" + screen.name().toLowerCase(Locale.ROOT);
    Page page = logIn(browsers.newPage(screen.viewport), "ada");
    page.navigate(server.base + "/admin/teams");
    assertThat(page.locator("h1")).isVisible();
    assertThat(page.locator("#level-1-key")).hasValue("team_lead");
    assertFitsTheScreen(page, screen);
    Axe.assertNoSeriousViolations(page);

    page.locator("#team-new-key").fill("Cups!");
    page.locator("#team-new-name").fill("Cups");
    page.locator("#team-create").click();
    assertThat(page.locator("#team-new-key-error")).isVisible();
    assertThat(page.locator("#team-new-key")).hasAttribute("aria-invalid", "true");
    Axe.assertNoSeriousViolations(page);

    page.locator("#team-new-key").fill(key);
    page.locator("#team-create").click();
    assertThat(page.locator("#teams-notice")).isVisible();
    page.locator("#team-" + key + "-user").selectOption("ann");
    page.locator("#team-" + key + " .team-add-lead input").check();
    page.locator("#team-" + key + " .team-add button").click();
    assertThat(page.locator("#team-" + key + "-member-ann .team-lead-badge")).isVisible();
    assertFitsTheScreen(page, screen);
    Axe.assertNoSeriousViolations(page);

    page.locator("#level-1-notify").fill("supervisor, " + key + ", nobody-here");
    page.locator("#ladder-save").click();
    assertThat(page.locator("#level-1-notify-error")).containsText("nobody-here");
    assertThat(page.locator("#level-1-notify")).hasAttribute("aria-invalid", "true");
    assertFitsTheScreen(page, screen);
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "admin-teams-ladder-error-" + screen.name().toLowerCase(Locale.ROOT));

    page.locator("#level-1-notify").fill("supervisor, " + key);
    page.locator("#ladder-save").click();
    assertThat(page.locator("#teams-notice")).isVisible();
    assertThat(page.locator("#level-1-notify")).hasValue("supervisor, " + key);
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "admin-teams-" + screen.name().toLowerCase(Locale.ROOT));
  }

  private Page logIn(Page page, String user) {
    page.navigate(server.base + "/login");
    page.locator("input[name=username]").fill(user);
    page.locator("input[name=password]").fill("secret");
    page.locator("#login-form button[type=submit]").click();
    assertThat(page).not().hasURL(server.base + "/login");
    return page;
  }

  /** Nothing on the page is wider than the screen. */
  private static void assertFitsTheScreen(Page page, Screen screen) {
    assertThat((Integer) page.evaluate("document.documentElement.scrollWidth"))
        .as(
            "nothing makes the page wider than the %s px screen: %s",
            screen.viewport.width(),
            page.evaluate(
                "[...document.querySelectorAll('body *')].filter(e => e.checkVisibility() &&"
                    + " e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 4)"
                    + ".map(e => e.tagName + '.' + e.className + '#' + e.id).join(' | ')"))
        .isLessThanOrEqualTo(screen.viewport.width());
  }
}
