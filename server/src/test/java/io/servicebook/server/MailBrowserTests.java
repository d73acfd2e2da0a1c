package io.servicebook.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.servicebook.server.mail.DemoMailServer;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The mail pages in Chromium, fed by the demo's own mail server: a case whose mail had an
 * attachment, and the admin's mailboxes page with a mail in the quarantine; axe-core clean and
 * without sideways scrolling at 1280 and 390 px.
 */
class MailBrowserTests extends DemoBrowserTests {

  @Override
  Map<String, Object> settings() {
    return Map.of(
        "servicebook.demo", true,
        "servicebook.mail.demo-smtp-port", 0,
        "servicebook.mail.demo-imap-port", 0);
  }

  @Test
  void aCaseWithAnAttachmentAndTheMailboxesPageWorkOnDesktopAndPhone() throws Exception {
    DemoMailServer mail = server.bean(DemoMailServer.class);
    String customer = "lin-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    send(
        mail,
        "From: Lin <"
            + customer
            + ">\r\nTo: "
            + DemoMailServer.ADDRESS
            + "\r\nSubject: Photo of the broken part\r\nMessage-ID: <"
            + UUID.randomUUID()
            + "@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nThe lid arrived cracked, see the photo.\r\n"
            + "--b\r\nContent-Type: image/png; name=a-rather-long-file-name-of-the-cracked-lid-photo.png\r\n"
            + "Content-Disposition: attachment; filename=a-rather-long-file-name-of-the-cracked-lid-photo.png\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n"
            + Base64.getMimeEncoder()
                .encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0})
            + "\r\n--b--\r\n");
    String broken = "<" + UUID.randomUUID() + "@example.org>";
    send(
        mail,
        "From: "
            + customer
            + "\r\nTo: "
            + DemoMailServer.ADDRESS
            + "\r\nSubject: Broken\r\nMessage-ID: "
            + broken
            + "\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed\r\n\r\n--x\r\n\r\nlost\r\n--x--\r\n");
    String caseId = await(() -> caseOf(customer) != null) ? caseOf(customer) : null;
    assertThat(caseId).as("a case for " + customer).isNotNull();
    assertThat(await(() -> quarantined(broken))).as("the broken mail is quarantined").isTrue();

    for (Page page : new Page[] {browsers.newPage(), browsers.newPhonePage()}) {
      logIn(page, "agent");
      page.navigate(server.base + "/cases/" + caseId);
      assertThat(page.locator("#attachments a[download]")).isVisible();
      Axe.assertNoSeriousViolations(page);
      assertNoSidewaysScroll(page);
      Screenshots.save(page, "case-attachments-" + page.viewportSize().width);
    }
    for (Page page : new Page[] {browsers.newPage(), browsers.newPhonePage()}) {
      logIn(page, "admin");
      page.navigate(server.base + "/admin/mailboxes");
      assertThat(page.locator("section[data-health]").first()).isVisible();
      assertThat(page.locator("#quarantine li").first()).isVisible();
      Axe.assertNoSeriousViolations(page);
      assertNoSidewaysScroll(page);
      Screenshots.save(page, "admin-mailboxes-" + page.viewportSize().width);
    }
    Page admin = browsers.newPage();
    logIn(admin, "admin");
    admin.navigate(server.base + "/admin/mailboxes");
    admin.locator("#quarantine li button[type=submit]").first().click();
    assertThat(admin.locator("#quarantine .alert-error")).isVisible();
    admin.locator("#mb-address").fill("not an address");
    admin.locator("#mb-imap_host").fill("imap.example.com");
    admin.locator("#mb-smtp_host").fill("smtp.example.com");
    admin.locator("#add-mailbox button[type=submit]").click();
    assertThat(admin.locator("#mb-address-error")).isVisible();
    Axe.assertNoSeriousViolations(admin);
  }

  private static void send(DemoMailServer mail, String raw) throws Exception {
    Session session = Session.getInstance(new Properties());
    MimeMessage message =
        new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    try (Transport smtp = session.getTransport("smtp")) {
      smtp.connect("127.0.0.1", mail.smtpPort(), "someone", "someone");
      smtp.sendMessage(
          message, new InternetAddress[] {new InternetAddress(DemoMailServer.ADDRESS)});
    }
  }

  private String caseOf(String customer) {
    try {
      for (JsonNode c :
          server
              .get("/api/v1/cases?channel=email&limit=50", RunningServer.TOKEN)
              .json()
              .get("items")) {
        if (c.get("customer").get("email").asString().equals(customer)) {
          return c.get("id").asString();
        }
      }
      return null;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean quarantined(String messageId) {
    try {
      return server
          .get("/api/v1/mailboxes/quarantine", RunningServer.TOKEN)
          .body()
          .contains(messageId);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }

  private static void assertNoSidewaysScroll(Page page) {
    Object wide =
        page.evaluate(
            "() => document.documentElement.scrollWidth > document.documentElement.clientWidth");
    assertThat(wide)
        .as("the page scrolls sideways at " + page.viewportSize().width + " px")
        .isEqualTo(false);
  }
}
