package io.servicebook.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.servicebook.server.security.Role;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
 * The header's search box in Debian's Chromium, at 1280 and at 390 px: an agent types a German word
 * in another form than the case has it, gets the results page with the word marked and the filters
 * kept, narrows by channel, and opens the case. Every state passes axe-core, and nothing makes the
 * phone's page wider than the phone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchBrowserTests {

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
            Map.of("servicebook.protocols", ServerContractTests.STARTER_PACK.toString()));
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
  void theHeaderBoxFindsTheCaseAndOpensIt(Screen screen) throws Exception {
    String name = screen.name().toLowerCase(Locale.ROOT);
    String subject = "Waschmaschine undicht (" + name + ")";
    String id = open(subject, "Die Waschmaschinen verlieren Wasser, Auftrag WM-" + name, "chat");
    open("Waschmaschine per Mail (" + name + ")", "Noch eine Waschmaschine", "email");
    String agent = "finder-" + name;
    server.tokenFor(agent, Role.AGENT);
    Page page = logIn(browsers.newPage(screen.viewport), agent);

    page.locator("#search-q").fill("waschmaschinen " + name);
    page.locator("#search-q").press("Enter");

    assertThat(page.locator("h1")).hasText("Search");
    assertThat(page.locator("#search-cases .search-hit")).hasCount(2);
    assertThat(page.locator("#search-q")).hasValue("waschmaschinen " + name);
    assertThat(page.locator("#search-cases .search-hit-title mark").first())
        .hasText("Waschmaschine");
    assertFitsTheScreen(page, screen);
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "search-results-" + name);

    page.locator("#search-channel").selectOption("chat");
    page.locator("#search-submit").click();

    assertThat(page).hasURL(java.util.regex.Pattern.compile(".*channel=chat.*"));
    assertThat(page.locator("#search-cases .search-hit")).hasCount(1);
    assertThat(page.locator("#search-channel")).hasValue("chat");
    Axe.assertNoSeriousViolations(page);

    page.locator("#search-cases .search-hit-title").first().click();

    assertThat(page).hasURL(server.base + "/cases/" + id);
    assertThat(page.locator("h1")).containsText(subject);
  }

  @ParameterizedTest
  @EnumSource(Screen.class)
  void aWrongFilterIsSaidOnThePage(Screen screen) throws Exception {
    String agent = "typo-" + screen.name().toLowerCase(Locale.ROOT);
    server.tokenFor(agent, Role.AGENT);
    Page page = logIn(browsers.newPage(screen.viewport), agent);

    page.navigate(server.base + "/search?q=x&from=soon");

    assertThat(page.locator("#search-errors")).isVisible();
    assertThat(page.locator("#search-errors [data-field=from]")).isVisible();
    assertFitsTheScreen(page, screen);
    Axe.assertNoSeriousViolations(page);
  }

  private String open(String subject, String message, String channel) throws Exception {
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("first_name", "Otto");
    customer.put("last_name", "Brandt");
    customer.put("email", "otto@example.com");
    customer.put("language", "de");
    customer.put("tier", "standard");
    RunningServer.Reply reply =
        server.postJson(
            "/api/v1/cases",
            RunningServer.TOKEN,
            Map.of(
                "channel",
                channel,
                "category",
                "question",
                "subject",
                subject,
                "message",
                message,
                "customer",
                customer));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json().get("id").asString();
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
