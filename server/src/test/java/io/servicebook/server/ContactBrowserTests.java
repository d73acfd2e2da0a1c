package io.servicebook.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.servicebook.server.channels.CaseReferences;
import io.servicebook.server.security.Role;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Contacts in Debian's Chromium, on a desktop (1280 px) and a phone (390 px), each page checked
 * with axe-core and saved as a screenshot: an agent takes a call from a customer who has no email
 * address, opens the case, sees the protocol's phone script, does its first step and logs a second
 * call; a customer writes through the help centre's contact form and a web case opens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContactBrowserTests {

  RunningServer server;
  Browsers browsers;

  @BeforeAll
  void start(@TempDir Path data) throws Exception {
    browsers = Browsers.launch(); // first: without Chromium the class is skipped before the server
    server =
        RunningServer.start(
            data,
            Map.of(),
            Map.of("servicebook.protocols", ServerContractTests.STARTER_PACK.toString()));
    RunningServer.Reply imported =
        server.post(
            "/api/v1/protocols/import",
            RunningServer.TOKEN,
            "application/zip",
            ServerContractTests.zip(Map.of("call-drill.yaml", ContactContractTests.CALLS)));
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    server.tokenFor("desk-agent", Role.AGENT);
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

  @Test
  void anAgentLogsAPhoneCaseForACustomerWithoutEmailAndRunsItsProtocol() throws Exception {
    Page page = logIn(browsers.newPage());
    page.locator("#new-case").click();
    assertThat(page.locator("#new-case-form")).isVisible();
    Axe.assertNoSeriousViolations(page);

    page.locator("#new-case-open").click();
    assertThat(page.locator("#new-last-name-error")).hasText("Write the customer's last name.");
    assertThat(page.locator("#new-category-error")).isVisible();
    assertThat(page.locator("#new-email-error")).hasCount(0); // a phone call needs no address
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "new-case-problems");

    page.locator("#new-first-name").fill("Lena");
    page.locator("#new-last-name").fill("Brandt");
    page.locator("#new-phone").fill("+49 89 1234 5678");
    page.locator("#new-channel").selectOption("phone");
    page.locator("#new-category").selectOption("call-drill");
    page.locator("#new-message").fill("My refund has not arrived.\nOrdered in May.");
    page.locator("#new-case-open").click();

    assertThat(page.locator("#notice")).hasText("The case is open and its protocol started.");
    assertThat(page.locator("#case-subject")).hasText("My refund has not arrived.");
    assertThat(page.locator("#script-text"))
        .hasText("Thank you for calling, Lena. How can I help?");
    assertThat(page.locator("#customer-card")).containsText("+49 89 1234 5678");
    String caseUrl = page.url();
    JsonNode kase = apiCase(caseUrl.substring(caseUrl.lastIndexOf('/') + 1).split("#")[0]);
    assertThat(kase.get("channel").asString()).isEqualTo("phone");
    assertThat(kase.at("/customer/email").isNull()).isTrue();
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "new-case-phone-script");

    page.locator("#submit-step").click();
    assertThat(page.locator("#run-title")).hasText("Settle it");

    page.locator("#call-outbound").check();
    page.locator("#call-duration").fill("3:20");
    page.locator("#call-notes").fill("Called back: the refund left our bank today.");
    page.locator("#call-log").click();
    assertThat(page.locator("#notice")).hasText("The call was added to the conversation.");
    assertThat(page.locator(".entry-call[data-direction=outbound]")).hasText("We called · 3:20");
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "case-call-logged");

    Page phone = logIn(browsers.newPhonePage());
    phone.navigate(server.base + "/cases/new");
    phone.locator("#customer-q").pressSequentially("1234 5678");
    assertThat(phone.locator(".found-customer")).containsText("Lena Brandt");
    Axe.assertNoSeriousViolations(phone);
    Screenshots.save(phone, "new-case-found");
    phone.locator(".found-customer").first().click();
    assertThat(phone.locator("#new-first-name")).hasValue("Lena");
    assertThat(width(phone)).isLessThanOrEqualTo(390);
    phone.navigate(caseUrl);
    assertThat(phone.locator("#call-form")).isVisible();
    assertThat(width(phone)).isLessThanOrEqualTo(390);
    Axe.assertNoSeriousViolations(phone);
    Screenshots.save(phone, "case-call-form");
  }

  @Test
  void aCustomerWritesThroughTheContactFormAndAWebCaseOpens() throws Exception {
    Page page = browsers.newPage();
    page.navigate(server.base + "/kb");
    page.locator("#kb-contact").click();
    assertThat(page.locator("#contact-heading")).hasText("Write to us");
    Axe.assertNoSeriousViolations(page);

    page.locator("#contact-send").click();
    assertThat(page.locator("#contact-name-error")).hasText("Write your name.");
    assertThat(page.locator("#contact-email-error")).isVisible();
    Axe.assertNoSeriousViolations(page);

    page.locator("#contact-name").fill("Noor Haddad");
    page.locator("#contact-email").fill("noor@example.com");
    page.locator("#contact-category").selectOption("call-drill");
    page.locator("#contact-subject").fill("Refund for order 1043");
    page.locator("#contact-message").fill("I sent the parcel back two weeks ago.");
    page.locator("#contact-send").click();

    assertThat(page).hasURL(server.base + "/kb/contact/thanks");
    String reference = page.locator("#contact-reference code").innerText();
    assertThat(reference).startsWith("SB-");
    JsonNode kase = apiCase(server.bean(CaseReferences.class).caseOf(reference).orElseThrow());
    assertThat(kase.get("channel").asString()).isEqualTo("web");
    assertThat(kase.get("subject").asString()).isEqualTo("Refund for order 1043");
    assertThat(kase.at("/customer/email").asString()).isEqualTo("noor@example.com");
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "contact-thanks");

    Page agent = logIn(browsers.newPage());
    agent.navigate(server.base + "/cases/" + kase.get("id").asString());
    assertThat(agent.locator("#reply-heading"))
        .hasText("Reply by e-mail (the customer wrote through the contact form)");
    assertThat(agent.locator(".fact-channel")).containsText("Contact form");

    Page phone = browsers.newPhonePage();
    phone.navigate(server.base + "/kb/contact");
    phone.locator("#contact-send").click();
    assertThat(phone.locator("#contact-subject-error")).isVisible();
    assertThat(width(phone)).isLessThanOrEqualTo(390);
    Axe.assertNoSeriousViolations(phone);
    Screenshots.save(phone, "contact-form-problems");
  }

  private Page logIn(Page page) {
    page.navigate(server.base + "/login");
    page.locator("input[name=username]").fill("desk-agent");
    page.locator("input[name=password]").fill("secret");
    page.locator("#login-form button[type=submit]").click();
    assertThat(page).not().hasURL(server.base + "/login");
    return page;
  }

  private JsonNode apiCase(String id) throws Exception {
    RunningServer.Reply reply = server.get("/api/v1/cases/" + id, RunningServer.TOKEN);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private static int width(Page page) {
    return (Integer) page.evaluate("document.documentElement.scrollWidth");
  }
}
