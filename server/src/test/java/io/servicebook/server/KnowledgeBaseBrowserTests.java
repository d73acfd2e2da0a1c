package io.servicebook.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The public knowledge base in Debian's Chromium, as a customer uses it without logging in: open
 * {@code /kb}, search, open a protocol. Every page is checked with axe-core (no serious or critical
 * violations) and saved as a screenshot under target/screenshots, at 1280×800 and 390×844.
 */
class KnowledgeBaseBrowserTests extends DemoBrowserTests {

  @Test
  void aVisitorSearchesTheHelpCentreAndOpensAProtocol() {
    Page page = browsers.newPage();
    page.navigate(server.base + "/kb");
    assertThat(page).hasURL(server.base + "/kb");
    assertThat(page.locator("#kb-heading")).isVisible();
    int all = page.locator(".kb-card").count();
    assertThat(all).isGreaterThan(3);
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "kb");

    page.locator("#kb-q").fill("refund");
    page.locator("#kb-q").press("Enter");
    assertThat(page).hasURL(Pattern.compile(".*/kb\\?q=refund$"));
    assertThat(page.locator(".kb-card[data-slug=return-and-refund]")).isVisible();
    assertThat(page.locator(".kb-card").count()).isLessThan(all);
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "kb-search");

    page.locator(".kb-card[data-slug=return-and-refund] a").click();
    assertThat(page).hasURL(server.base + "/kb/return-and-refund");
    assertThat(page.locator("#kb-article-title")).hasText("Return and refund");
    assertThat(page.locator("#kb-steps li").first()).isVisible();
    assertThat(page.locator("#kb-promises")).containsText("We answer within 2 business hours");
    assertThat(page.locator("#kb-channels")).containsText("E-mail");
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "kb-article");

    page.locator("#kb-back").click();
    assertThat(page).hasURL(server.base + "/kb");
  }

  @Test
  void onAPhoneTheHelpCentreStaysReadableAndAccessible() {
    Page phone = browsers.newPhonePage();
    phone.navigate(server.base + "/kb");
    assertThat(phone.locator(".kb-card").first()).isVisible();
    assertThat(noHorizontalScroll(phone)).isTrue();
    Axe.assertNoSeriousViolations(phone);
    Screenshots.save(phone, "kb");

    phone.navigate(server.base + "/kb/outage-communication");
    assertThat(phone.locator("#kb-promises")).containsText("around the clock");
    assertThat(noHorizontalScroll(phone)).isTrue();
    Axe.assertNoSeriousViolations(phone);
    Screenshots.save(phone, "kb-article");
  }

  @Test
  void aGermanVisitorGetsTheGermanHelpCentre() {
    Page page =
        browsers
            .newContext(
                new Browser.NewContextOptions().setLocale("de-DE").setViewportSize(1280, 800))
            .newPage();
    page.navigate(server.base + "/kb/complaint-handling");
    assertThat(page.locator("html")).hasAttribute("lang", "de");
    assertThat(page.locator("#kb-promises-heading")).hasText("Was wir versprechen");
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "kb-article-de");
  }

  private static boolean noHorizontalScroll(Page page) {
    return (Boolean)
        page.evaluate(
            "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth");
  }
}
