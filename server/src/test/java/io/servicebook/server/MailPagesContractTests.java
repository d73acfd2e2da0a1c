package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * The mail channel's pages over real HTTP, run against every database: the case page (the email
 * script as the draft, each reply's delivery, attachments for staff only) and the admins' mailboxes
 * page (health, the add form's errors, /actuator/health).
 */
abstract class MailPagesContractTests extends MailDrill {

  @Test
  void theCasePageShowsTheDraftDeliveryStatesAndAttachmentsForStaffOnly() throws Exception {
    String customer = "files-" + UUID.randomUUID() + "@example.com";
    String raw =
        "From: Grace Hopper <"
            + customer
            + ">\r\nTo: "
            + SUPPORT
            + "\r\nSubject: Invoice\r\n"
            + "Message-ID: "
            + newId()
            + "\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"m\"\r\n\r\n"
            + "--m\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n"
            + "<p>See the <b>invoice</b>.</p><script>alert(1)</script>\r\n"
            + "--m\r\nContent-Type: application/pdf; name=invoice.pdf\r\n"
            + "Content-Disposition: attachment; filename=invoice.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + java.util.Base64.getMimeEncoder()
                .encodeToString("%PDF-1.4 invoice".getBytes(StandardCharsets.US_ASCII))
            + "\r\n--m\r\nContent-Type: application/pdf; name=receipt.pdf\r\n"
            + "Content-Disposition: attachment; filename=receipt.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + java.util.Base64.getMimeEncoder()
                .encodeToString("MZ\u0090\u0000program".getBytes(StandardCharsets.ISO_8859_1))
            + "\r\n--m--\r\n";
    deliver(
        new MimeMessage(
            SESSION, new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII))));
    fetch();
    String caseId = caseOf(customer).get("id").asString();
    assertThat(interactions(caseId).getFirst().get("body").asString())
        .as("HTML through the sanitizer, as text")
        .isEqualTo("See the invoice.");
    server.postJson(
        "/api/v1/cases/" + caseId + "/interactions",
        RunningServer.TOKEN,
        Map.of("kind", "outbound", "body", "Thanks, we look into it."));
    awaitMailTo(customer, 1);

    ConsoleSession agent = new ConsoleSession(server.base);
    agent.login("agent", "a long agent password");
    String page = agent.get("/cases/" + caseId).body();
    assertThat(page).contains("delivery-sent", "invoice.pdf", "receipt.pdf");
    String script =
        get("/api/v1/cases/" + caseId).get("run").get("current_step").get("script").asString();
    assertThat(page)
        .as("the protocol's email script is the reply's draft")
        .containsPattern(
            "(?s)<textarea id=\"reply-body\"[^>]*>"
                + java.util.regex.Pattern.quote(script.substring(0, 12)));
    Matcher links =
        java.util.regex.Pattern.compile("href=\"(/cases/[^\"]+/attachments/[^\"]+)\"")
            .matcher(page);
    List<String> hrefs = new ArrayList<>();
    while (links.find()) {
      hrefs.add(links.group(1));
    }
    assertThat(hrefs).hasSize(2);
    Map<String, HttpResponse<String>> downloads = new LinkedHashMap<>();
    for (String href : hrefs) {
      HttpResponse<String> file = agent.get(href);
      assertThat(file.statusCode()).isEqualTo(200);
      downloads.put(file.headers().firstValue("Content-Disposition").orElse(""), file);
    }
    assertThat(downloads.entrySet())
        .anySatisfy(
            e -> {
              assertThat(e.getKey()).contains("invoice.pdf");
              assertThat(e.getValue().headers().firstValue("Content-Type").orElse(""))
                  .startsWith("application/pdf");
            })
        .anySatisfy(
            e -> {
              assertThat(e.getKey()).contains("receipt.pdf");
              assertThat(e.getValue().headers().firstValue("Content-Type").orElse(""))
                  .as("sniffed, not trusted")
                  .startsWith("application/octet-stream");
            });
    assertThat(page).as("the mismatch is pointed out").contains("application/pdf");

    ConsoleSession author = new ConsoleSession(server.base);
    author.login("author", "a long author password");
    assertThat(author.get(hrefs.getFirst()).statusCode()).isEqualTo(403);
    assertThat(new ConsoleSession(server.base).get(hrefs.getFirst()).statusCode()).isIn(302, 401);
  }

  @Test
  void theAdminPageShowsEachMailboxsHealthAndRefusesABadOneFieldByField() throws Exception {
    ConsoleSession admin = new ConsoleSession(server.base);
    admin.login("mailadmin", "a long admin password");
    HttpResponse<String> page = admin.get("/admin/mailboxes");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains(SUPPORT, "id=\"mailbox-" + mailboxId + "\"", "id=\"quarantine\"");
    Matcher csrf = ConsoleSession.CSRF.matcher(page.body());
    assertThat(csrf.find()).isTrue();
    HttpResponse<String> refused =
        admin.post(
            "/admin/mailboxes",
            Map.of(
                "address",
                "nobody",
                "imap_host",
                "imap.example.com",
                "imap_security",
                "none",
                "smtp_host",
                "smtp.example.com",
                "_csrf",
                csrf.group(1)),
            Map.of());
    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(refused.body())
        .contains("id=\"mb-address-error\"", "id=\"mb-imap_security-error\"")
        .contains("value=\"nobody\"");
    assertThat(server.get("/actuator/health", null).json().get("status").asString())
        .isEqualTo("UP");

    Map<String, Object> unreachable = new LinkedHashMap<>(mailbox());
    unreachable.put("address", "closed@acme.example");
    try (java.net.ServerSocket closed = new java.net.ServerSocket(0)) {
      unreachable.put("imap_port", closed.getLocalPort());
    }
    RunningServer.Reply created =
        server.postJson("/api/v1/mailboxes", RunningServer.TOKEN, unreachable);
    String id = created.json().get("id").asString();
    try {
      RunningServer.Reply fetched =
          server.post(
              "/api/v1/mailboxes/" + id + "/fetch",
              RunningServer.TOKEN,
              "application/json",
              new byte[0]);
      assertThat(fetched.json().get("error").asString()).contains("Connect");
      assertThat(server.get("/actuator/health", null).json().get("status").asString())
          .isEqualTo("DEGRADED");
      assertThat(admin.get("/admin/mailboxes").body())
          .containsPattern("id=\"mailbox-" + id + "\"\\s+data-health=\"failing\"");
    } finally {
      assertThat(server.delete("/api/v1/mailboxes/" + id, RunningServer.TOKEN).status())
          .isEqualTo(204);
    }
    assertThat(server.get("/actuator/health", null).json().get("status").asString())
        .isEqualTo("UP");

    ConsoleSession agent = new ConsoleSession(server.base);
    agent.login("agent", "a long agent password");
    assertThat(agent.get("/admin/mailboxes").statusCode()).isEqualTo(403);
  }
}
