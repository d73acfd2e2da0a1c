package io.servicebook.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
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
 * The chat in Debian's Chromium, on the demo's shop page under a strict Content-Security-Policy: a
 * customer in one browser context and an agent in another write to each other live, both ways; the
 * pre-chat form asks what the protocol captures and refuses what its field refuses; outside the
 * calendar's hours the widget promises when the company answers. Phone (390 px) and desktop, each
 * page checked with axe-core. The clock stands on a Saturday afternoon: the EU calendar of returns
 * is closed, the US one of the chat protocol open.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatBrowserTests {

  enum Screen {
    PHONE(Browsers.Viewport.PHONE),
    DESKTOP(Browsers.Viewport.DESKTOP);

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
            Map.of("servicebook.demo", true, "servicebook.chat.starts-per-minute", 1000),
            new SettableClock(ChatContractTests.SATURDAY));
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

  private Page agent(Screen screen) {
    Page page = browsers.newPage(screen.viewport);
    page.navigate(server.base + "/login");
    page.locator("input[name=username]").fill("agent");
    page.locator("input[name=password]").fill("demo");
    page.locator("#login-form button[type=submit]").click();
    assertThat(page).not().hasURL(server.base + "/login");
    return page;
  }

  private Page shop(Screen screen, String category) {
    Page page = browsers.newPage(screen.viewport);
    page.navigate(server.base + "/demo/shop?category=" + category);
    page.locator(".sb-launcher").click();
    assertThat(page.locator("#sb-panel")).isVisible();
    return page;
  }

  private static void fitsTheScreen(Page page, Screen screen) {
    Object width = page.evaluate("document.documentElement.scrollWidth");
    assertThat(((Number) width).intValue()).isLessThanOrEqualTo(screen.viewport.width());
  }

  @ParameterizedTest
  @EnumSource(Screen.class)
  void aCustomerAndAnAgentWriteToEachOtherLive(Screen screen) {
    Page agent = agent(screen);
    agent.navigate(server.base + "/?queue=chats");
    Page customer = shop(screen, "order_status");
    assertThat(customer.locator("#sb-status")).hasText("We are online and answer in a moment.");
    Axe.assertNoSeriousViolations(customer);
    Screenshots.save(customer, "chat-form-" + screen.name().toLowerCase());
    customer.locator("#sb-f-name").fill("Gil Green");
    customer.locator("#sb-f-email").fill("gil-" + screen.name().toLowerCase() + "@example.com");
    customer.locator("[id='sb-f-fields.topic']").selectOption("order_status");
    customer.locator("#sb-f-message").fill("Where is order 4711?");
    customer.locator(".sb-form .sb-primary").click();
    Locator log = customer.locator(".sb-log");
    assertThat(log).containsText("Where is order 4711?");
    assertThat(customer.locator("#sb-f-line")).isFocused();

    Locator row =
        agent.locator("#inbox tbody tr", new Page.LocatorOptions().setHasText("Gil Green"));
    assertThat(row).isVisible(); // the queue refreshed itself: no reload
    Axe.assertNoSeriousViolations(agent);
    row.locator("a.case-link").click();
    assertThat(agent.locator("#timeline")).containsText("Where is order 4711?");
    agent.waitForTimeout(500); // the page's live stream connects

    customer.locator("#sb-f-line").fill("It was due yesterday.");
    customer.locator("#sb-f-line").press("Enter");
    assertThat(agent.locator("#timeline")).containsText("It was due yesterday.");
    assertThat(agent.locator("#live-announce")).containsText("It was due yesterday.");

    agent.locator("#reply-body").fill("It is out for delivery today.");
    agent.locator("#reply-send").click();
    assertThat(log.locator(".sb-from-agent")).containsText("It is out for delivery today.");
    Axe.assertNoSeriousViolations(customer);
    Axe.assertNoSeriousViolations(agent);
    fitsTheScreen(customer, screen);
    fitsTheScreen(agent, screen);
    Screenshots.save(customer, "chat-customer-" + screen.name().toLowerCase());
    Screenshots.save(agent, "chat-agent-" + screen.name().toLowerCase());
  }

  @ParameterizedTest
  @EnumSource(Screen.class)
  void thePreChatFormRefusesAnInvalidOrderNumberWithTheFieldsMessage(Screen screen) {
    Page customer = shop(screen, "return");
    assertThat(customer.locator("label[for='sb-f-fields.order_number']")).hasText("Order number *");
    customer.locator("#sb-f-email").fill("hal@example.com");
    customer.locator("[id='sb-f-fields.order_number']").fill("abc");
    customer.locator("[id='sb-f-fields.purchase_date']").fill("2026-12-01");
    customer.locator("[id='sb-f-fields.reason']").selectOption("damaged");
    customer.locator("#sb-f-message").fill("It broke.");
    customer.locator(".sb-form .sb-primary").click();
    Locator error = customer.locator("[id='sb-e-fields.order_number']");
    assertThat(error)
        .hasText("Order number: “abc” does not have the expected form (^[A-Z0-9-]{6,20}$).");
    Locator field = customer.locator("[id='sb-f-fields.order_number']");
    assertThat(field).hasAttribute("aria-invalid", "true");
    assertThat(field).isFocused();
    assertThat(customer.locator(".sb-log")).hasCount(0);
    Axe.assertNoSeriousViolations(customer);
    fitsTheScreen(customer, screen);
    Screenshots.save(customer, "chat-refused-" + screen.name().toLowerCase());
  }

  @ParameterizedTest
  @EnumSource(Screen.class)
  void outsideTheCalendarsHoursTheWidgetPromisesWhenTheCompanyAnswers(Screen screen) {
    Page customer = shop(screen, "return");
    assertThat(customer.locator("#sb-status")).hasText("We answer by Monday 11:00 (Berlin time).");
    assertThat(customer.locator("#sb-h-email"))
        .hasText("Nobody can answer right now: we will send our answer to this address.");
    Axe.assertNoSeriousViolations(customer);
    fitsTheScreen(customer, screen);
    Screenshots.save(customer, "chat-offline-" + screen.name().toLowerCase());
  }
}
