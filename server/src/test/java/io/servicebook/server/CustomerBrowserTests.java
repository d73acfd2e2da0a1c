package io.servicebook.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.servicebook.server.security.Role;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * The customer's profile in Debian's Chromium at 1280 and 390 px: reached from the case page, it
 * shows the customer's cases and keeps the preferences an agent edits, with the error at the field
 * when one is wrong. And the console in Spanish: the main pages speak Spanish with no English left.
 * Every state passes axe-core, and nothing makes the phone's page wider than the phone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerBrowserTests {

  /** The screens the profile must work on. */
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

  private JsonNode open(String email, String subject) throws Exception {
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("first_name", "Lucía");
    customer.put("last_name", "Fernández Ortega");
    customer.put("email", email);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", "email");
    body.put("category", "refund");
    body.put("subject", subject);
    body.put("message", "The kettle arrived broken; I would like my money back.");
    body.put("customer", customer);
    RunningServer.Reply reply =
        server.post(
            "/api/v1/cases",
            RunningServer.TOKEN,
            "application/json",
            RunningServer.JSON.writeValueAsBytes(body));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json();
  }

  @ParameterizedTest
  @EnumSource(Screen.class)
  void anAgentOpensTheProfileFromTheCaseAndKeepsPreferences(Screen screen) throws Exception {
    String name = screen.name().toLowerCase(Locale.ROOT);
    String email = "lucia-" + name + "@example.com";
    open(email, "An older question about delivery times");
    JsonNode kase = open(email, "Kettle arrived broken, refund please");
    String agent = "profile-" + name;
    server.tokenFor(agent, Role.AGENT);
    Page page = logIn(browsers.newPage(screen.viewport), agent);

    page.navigate(server.base + "/cases/" + kase.get("id").asString());
    page.locator("#customer-profile-link").click();
    assertThat(page.locator("h1")).hasText("Lucía Fernández Ortega");
    assertThat(page.locator("#customer-cases tbody tr")).hasCount(2);
    assertThat(page.locator("#customer-case-count")).hasText("2");
    Screenshots.save(page, "customer-profile-" + name);
    assertFitsTheScreen(page, screen);
    Axe.assertNoSeriousViolations(page);

    page.locator("#pref-preferred_channel").selectOption("phone");
    page.locator("#pref-language").fill("not a language");
    page.locator("#pref-best_time").fill("weekdays after 18:00");
    page.locator("#pref-note").fill("Prefers to speak with Marta.");
    page.locator("#preferences-save").click();

    assertThat(page.locator("#preferences-refused")).isVisible();
    assertThat(page.locator("#pref-language-error")).isVisible();
    assertThat(page.locator("#pref-language")).hasAttribute("aria-invalid", "true");
    assertThat(page.locator("#pref-note")).hasValue("Prefers to speak with Marta.");
    assertFitsTheScreen(page, screen);
    Axe.assertNoSeriousViolations(page);

    page.locator("#pref-language").fill("es");
    page.locator("#preferences-save").click();

    assertThat(page.locator("#preferences-saved")).isVisible();
    assertThat(page.locator("#pref-preferred_channel")).hasValue("phone");
    assertThat(page.locator("#pref-language")).hasValue("es");
    assertThat(page.locator("#pref-best_time")).hasValue("weekdays after 18:00");
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "customer-profile-saved-" + name);
  }

  /** English texts of each page that must not be left over in Spanish. */
  private static final Map<String, List<String>> ENGLISH =
      Map.of(
          "/",
          List.of("Inbox", "Sign out", "Unassigned", "Customer", "Subject", "Apply", "Saved views"),
          "/protocols",
          List.of("Protocols", "Owner", "Version", "Review due", "Upload a pack"),
          "/kpis",
          List.of("Key figures", "How the protocols work", "Cases created from", "Show"),
          "/admin",
          List.of("Administration", "Users", "Audit trail", "Compensation budgets"));

  @Test
  void theMainPagesSpeakSpanishWithNoEnglishLeft() throws Exception {
    JsonNode kase = open("lucia-es@example.com", "Hervidor roto, quiero un reembolso");
    String admin = "admin-es";
    server.tokenFor(admin, Role.ADMIN);
    Page page = logIn(browsers.newPage(Browsers.Viewport.DESKTOP), admin);
    page.navigate(server.base + "/?lang=es");
    Map<String, List<String>> pages = new LinkedHashMap<>(ENGLISH);
    pages.put(
        "/cases/" + kase.get("id").asString(),
        List.of("Conversation", "Your reply", "Send reply", "About this case", "Sign out"));
    pages.put(
        "/customers/" + kase.get("customer").get("id").asString(),
        List.of("Preferences", "Lifetime value", "Save preferences", "Note for colleagues"));
    for (var entry : pages.entrySet()) {
      page.navigate(server.base + entry.getKey());
      assertThat(page.locator("html")).hasAttribute("lang", "es");
      String text = page.locator("body").innerText();
      for (String english : entry.getValue()) {
        assertThat(text)
            .as("%s shows no English “%s”", entry.getKey(), english)
            .doesNotContainPattern(
                "(?<![\\p{L}])" + java.util.regex.Pattern.quote(english) + "(?![\\p{L}])");
      }
      Screenshots.save(page, "spanish" + entry.getKey().replaceAll("[^a-z]+", "-"));
      Axe.assertNoSeriousViolations(page);
    }
    page.navigate(server.base + "/");
    assertThat(page.locator("h1")).hasText("Bandeja de entrada");
    assertThat(page.locator(".langs a[hreflang=es]")).hasAttribute("aria-current", "true");
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
