package io.servicebook.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
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
 * The administration's users and API tokens pages in Debian's Chromium, at 1280 and 390 px, as the
 * demo admin of a demo server: the demo users are listed; a user is added with a set-password link,
 * which a fresh browser opens to choose the password; a token is made for the demo agent, shown
 * once, and revoked. Every state passes axe-core, and nothing makes the phone's page wider than the
 * phone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeopleBrowserTests {

  /** The screens the pages must work on. */
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
                "servicebook.demo",
                true));
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
  void theDemoAdminAddsAUserWithALinkThatTheUserOpens(Screen screen) {
    String name = "newbie-" + screen.name().toLowerCase(Locale.ROOT);
    Page page = logIn(browsers.newPage(screen.viewport), "admin");
    page.navigate(server.base + "/admin");
    page.locator("#admin-users a").click();
    for (String demo : new String[] {"agent", "supervisor", "author", "reviewer", "admin"}) {
      assertThat(page.locator("#user-" + demo)).isVisible();
    }
    check(page, screen, "users-" + screen);

    page.locator("#user-add").click();
    assertThat(page.locator("#user-username-error")).isVisible();
    assertThat(page.locator("#user-role-error")).isVisible();
    assertThat(page.locator("#user-username")).hasAttribute("aria-invalid", "true");
    check(page, screen, "users-errors-" + screen);

    page.locator("#user-username").fill(name);
    page.locator("#user-display-name").fill("New Colleague");
    page.locator("input[name=role][value=agent]").check();
    page.locator("input[name=credential][value=link]").check();
    page.locator("#user-add").click();
    assertThat(page.locator("#user-heading")).containsText(name);
    String link = page.locator("#user-link-url").textContent();
    assertThat(link).startsWith(server.base + "/password/set/");
    check(page, screen, "user-link-" + screen);

    Page newcomer = browsers.newPage(screen.viewport);
    newcomer.navigate(link);
    assertThat(newcomer.locator("#password-link-form")).isVisible();
    check(newcomer, screen, "password-link-" + screen);
    newcomer.locator("#password-new").fill("a new colleague's long password");
    newcomer.locator("#password-repeat").fill("a new colleague's long password");
    newcomer.locator("#password-link-submit").click();
    assertThat(newcomer.locator("#password-link-done")).isVisible();
    newcomer.locator("#password-link-login").click();
    newcomer.locator("input[name=username]").fill(name);
    newcomer.locator("input[name=password]").fill("a new colleague's long password");
    newcomer.locator("#login-form button[type=submit]").click();
    assertThat(newcomer).not().hasURL(server.base + "/login");

    page.locator("#user-deactivate").click();
    assertThat(page.locator("#user-state")).hasText("Deactivated");
    check(page, screen, "user-deactivated-" + screen);
  }

  @ParameterizedTest
  @EnumSource(Screen.class)
  void theDemoAdminMakesATokenForTheAgentAndRevokesIt(Screen screen) {
    String name = "script " + screen.name().toLowerCase(Locale.ROOT);
    Page page = logIn(browsers.newPage(screen.viewport), "admin");
    page.navigate(server.base + "/admin");
    page.locator("#admin-tokens a").click();
    // the click returns before the tokens page is shown with its stylesheet; measure that page
    page.waitForURL(server.base + "/admin/tokens");
    check(page, screen, "tokens-" + screen);

    page.locator("#new-token-user").selectOption("agent");
    page.locator("#new-token-name").fill(name);
    page.locator("#admin-token-create").click();
    assertThat(page.locator("#token-issued")).containsText(name);
    String secret = page.locator("#token-secret").textContent();
    assertThat(secret).startsWith("sb_");
    check(page, screen, "token-issued-" + screen);

    page.locator("#tokens-filter").selectOption("agent");
    page.locator("#tokens-filter-apply").click();
    page.locator("tr:has(th:text-is('" + name + "')) button").click();
    assertThat(page.locator("#token-revoked")).containsText(name);
    assertThat(page.locator("#token-secret")).hasCount(0);
    check(page, screen, "token-revoked-" + screen);
  }

  /** Nothing makes the page wider than the screen, and it passes axe-core. */
  private void check(Page page, Screen screen, String shot) {
    assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue())
        .as(
            "nothing makes the page wider than the screen: %s",
            page.evaluate(
                "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect()"
                    + ".right > window.innerWidth + 1).slice(0, 4).map(e => e.tagName + '.'"
                    + " + e.className + '#' + e.id).join(' | ')"))
        .isLessThanOrEqualTo(screen.viewport.width());
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "people-" + shot.toLowerCase(Locale.ROOT));
  }

  private Page logIn(Page page, String user) {
    page.navigate(server.base + "/login");
    page.locator("input[name=username]").fill(user);
    page.locator("input[name=password]").fill("demo");
    page.locator("#login-form button[type=submit]").click();
    assertThat(page).not().hasURL(server.base + "/login");
    return page;
  }
}
