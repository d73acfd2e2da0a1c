package io.servicebook.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * The protocol pages in Debian's Chromium, as the demo author reads them: the list from the nav,
 * then a protocol with its steps, flowchart, versions and lint. Every page is checked with axe-core
 * (no serious or critical violations) and saved as a screenshot at 1280×800 and 390×844.
 */
class ProtocolPagesBrowserTests extends DemoBrowserTests {

  private Page logIn(Page page) {
    page.navigate(server.base + "/login");
    page.locator("input[name=username]").fill("author");
    page.locator("input[name=password]").fill("demo");
    page.locator("#login-form button[type=submit]").click();
    assertThat(page).not().hasURL(server.base + "/login");
    return page;
  }

  @Test
  void anAuthorReadsTheProtocolListAndAProtocol() {
    Page page = logIn(browsers.newPage());
    page.locator(".mainnav a[href='/protocols']").click();
    assertThat(page.locator("#protocols")).isVisible();
    assertThat(page.locator("tr[data-slug]")).hasCount(16);
    assertThat(page.locator("tr[data-slug=return-and-refund] .lint-badge")).isVisible();
    assertThat(page.locator("tr[data-slug=return-and-refund] .review time")).isVisible();
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "protocols");

    page.locator("tr[data-slug=return-and-refund] .protocol-link").click();
    assertThat(page.locator("#protocol-title")).hasText("Return and refund");
    assertThat(page.locator("#protocol-steps li.step").first()).isVisible();
    assertThat(page.locator("#protocol-fields tr[data-field=order_number]")).isVisible();
    assertThat(page.locator("#protocol-flowchart svg.servicebook-flowchart")).isVisible();
    assertThat(page.locator("#lint-status")).isVisible();
    assertThat(page.locator("#protocol-versions a[aria-current=page]")).hasText("v1");
    assertThat(page.locator("#protocol-flowchart svg").boundingBox().width)
        .as("the flowchart fits its card")
        .isLessThanOrEqualTo(page.locator("#protocol-flowchart").boundingBox().width);
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "protocol");

    // a step linked from a decision is reachable on the same page
    page.locator("#protocol-steps .decisions a").first().click();
    assertThat(page).hasURL(java.util.regex.Pattern.compile(".*#step-[a-z_-]+$"));
  }

  @Test
  void theProtocolPagesAreUsableOnAPhone() {
    Page phone = logIn(browsers.newPhonePage());
    phone.navigate(server.base + "/protocols");
    assertThat(phone.locator("tr[data-slug]").first()).isVisible();
    assertThat((Integer) phone.evaluate("document.documentElement.scrollWidth"))
        .isLessThanOrEqualTo(390);
    Axe.assertNoSeriousViolations(phone);
    Screenshots.save(phone, "protocols");

    phone.navigate(server.base + "/protocols/billing-dispute");
    assertThat(phone.locator("#protocol-steps li.step").first()).isVisible();
    assertThat(phone.locator("#protocol-flowchart svg")).isVisible();
    assertThat((Integer) phone.evaluate("document.documentElement.scrollWidth"))
        .as(
            "nothing makes the page wider than the phone: %s",
            phone.evaluate(
                "[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect()"
                    + ".right > 391 && !e.closest('.table-wrap, .flowchart')).slice(0, 4).map(e => e.tagName + '.' + e.className + ' '"
                    + " + (e.textContent || '').slice(0, 40)).join(' | ')"))
        .isLessThanOrEqualTo(390);
    Axe.assertNoSeriousViolations(phone);
    Screenshots.save(phone, "protocol");

    phone.navigate(server.base + "/protocols/no-such-protocol");
    assertThat(phone.locator("#error-heading")).isVisible();
  }
}
