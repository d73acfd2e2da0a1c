package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.servicebook.server.channels.CaseReferences;
import io.servicebook.server.channels.OutboundMessage;
import io.servicebook.server.channels.Outbox;
import io.servicebook.server.security.Role;
import io.servicebook.server.security.UserAccounts;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Email both ways against GreenMail as a real SMTP and IMAP server, run against every database:
 * mail opens cases, the agent's reply from the console goes out threaded, answers thread back,
 * machines' mail opens nothing, outages delay but lose nothing, unreadable mail is kept.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MailContractTests {

  static final String SUPPORT = "support@acme.example";
  static final Session SESSION = Session.getInstance(new Properties());

  GreenMail mail;
  TcpProxy smtp;
  RunningServer server;
  SettableClock clock;
  String mailboxId;
  GreenMailUser supportInbox;

  abstract Map<String, String> database();

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    mail =
        new GreenMail(
                new ServerSetup[] {
                  new ServerSetup(0, "127.0.0.1", "smtp"), new ServerSetup(0, "127.0.0.1", "imap")
                })
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    mail.start();
    supportInbox = mail.setUser(SUPPORT, SUPPORT, "mailbox-password");
    smtp = new TcpProxy("127.0.0.1", mail.getSmtp().getPort());
    // whole milliseconds: a stored time rounded up to microseconds must not lie after "now"
    clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    server =
        RunningServer.start(
            dataDir,
            database(),
            Map.of(
                "servicebook.protocols",
                ServerContractTests.STARTER_PACK.toString(),
                "servicebook.mail.fetching",
                false,
                "servicebook.outbox.polling-interval",
                "PT0.2S"),
            clock);
    UserAccounts accounts = server.bean(UserAccounts.class);
    accounts.add("agent", "Agent", "a long agent password", EnumSet.of(Role.AGENT), "test");
    accounts.add("author", "Author", "a long author password", EnumSet.of(Role.AUTHOR), "test");
    accounts.add("mailadmin", "Admin", "a long admin password", EnumSet.of(Role.ADMIN), "test");
    RunningServer.Reply created =
        server.postJson("/api/v1/mailboxes", RunningServer.TOKEN, mailbox());
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    mailboxId = created.json().get("id").asString();
  }

  Map<String, Object> mailbox() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("address", SUPPORT);
    body.put("display_name", "ACME Support");
    body.put("imap_host", "127.0.0.1");
    body.put("imap_port", mail.getImap().getPort());
    body.put("imap_security", "none");
    body.put("smtp_host", "127.0.0.1");
    body.put("smtp_port", smtp.port());
    body.put("smtp_security", "none");
    body.put("password", "mailbox-password");
    body.put("category", "billing");
    body.put("language", "en");
    return body;
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (smtp != null) {
      smtp.close();
    }
    if (mail != null) {
      mail.stop();
    }
  }

  @Test
  void aMailOpensACaseTheReplyGoesOutThreadedAndTheAnswerThreadsBack() throws Exception {
    String customer = "ada-" + UUID.randomUUID() + "@example.com";
    String original = "<" + UUID.randomUUID() + "@mail.example.com>";
    deliver(
        mail(
            customer,
            "Ada Lovelace",
            "Charged twice for invoice 4711",
            original,
            "Hello, I was charged twice for invoice 4711.\n\nOn Mon, Bob wrote:\n> earlier mail",
            Map.of("Content-Language", "de")));

    assertThat(fetch()).isEqualTo(1);
    JsonNode kase = caseOf(customer);
    assertThat(kase.get("channel").asString()).isEqualTo("email");
    assertThat(kase.get("subject").asString()).isEqualTo("Charged twice for invoice 4711");
    assertThat(kase.get("protocol").get("slug").asString()).isEqualTo("billing-dispute");
    assertThat(kase.get("customer").get("first_name").asString()).isEqualTo("Ada");
    assertThat(kase.get("customer").get("language").asString())
        .as("a new customer writes in the mail's Content-Language")
        .isEqualTo("de");
    String caseId = kase.get("id").asString();
    JsonNode first = interactions(caseId).getFirst();
    assertThat(first.get("body").asString())
        .as("the quoted history is folded away")
        .isEqualTo("Hello, I was charged twice for invoice 4711.");

    ConsoleSession agent = new ConsoleSession(server.base);
    agent.login("agent", "a long agent password");
    String page = agent.get("/cases/" + caseId).body();
    Matcher csrf = ConsoleSession.CSRF.matcher(page);
    assertThat(csrf.find()).isTrue();
    HttpResponse<String> replied =
        agent.post(
            "/cases/" + caseId + "/reply",
            Map.of("body", "We refunded the second charge.\nSorry!", "_csrf", csrf.group(1)),
            Map.of());
    assertThat(replied.statusCode()).isEqualTo(302);

    MimeMessage reply = awaitMailTo(customer, 1).getFirst();
    assertThat(reply.getHeader("In-Reply-To", null)).isEqualTo(original);
    assertThat(reply.getHeader("References", " ")).contains(original);
    assertThat(reply.getFrom()[0].toString()).contains(SUPPORT);
    assertThat(reply.getSubject()).startsWith("AW: Charged twice for invoice 4711 [SB-");
    assertThat(reply.getHeader("Content-Language", null)).isEqualTo("de");
    Multipart parts = (Multipart) reply.getContent();
    assertThat(parts.getContentType()).startsWith("multipart/alternative");
    assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
    assertThat((String) parts.getBodyPart(0).getContent())
        .contains("We refunded the second charge.");
    assertThat(parts.getBodyPart(1).isMimeType("text/html")).isTrue();
    String replyId = reply.getMessageID();
    assertThat(outbound(caseId).state()).isEqualTo(OutboundMessage.State.SENT);

    clock.advance(Duration.ofMinutes(5));
    deliver(
        mail(
            customer,
            "Ada Lovelace",
            "Re: Charged twice",
            "<" + UUID.randomUUID() + "@mail.example.com>",
            "Thanks, but the refund is not there yet.",
            Map.of("In-Reply-To", replyId, "References", original + " " + replyId)));
    assertThat(fetch()).isEqualTo(1);
    List<JsonNode> timeline = interactions(caseId);
    assertThat(timeline).hasSize(3);
    assertThat(timeline.getLast().get("body").asString())
        .isEqualTo("Thanks, but the refund is not there yet.");
    JsonNode next = lastClock(get("/api/v1/cases/" + caseId), "next_response");
    assertThat(next.get("state").asString()).isEqualTo("running");
    assertThat(Instant.parse(next.get("started_at").asString()))
        .as("the customer's answer restarts next_response")
        .isAfterOrEqualTo(clock.instant().minusSeconds(1));
    assertThat(casesOf(customer)).as("the answer threads into the same case").hasSize(1);
  }

  @Test
  void theSubjectsCaseTokenThreadsAMailWithoutHeaders() throws Exception {
    String customer = "tok-" + UUID.randomUUID() + "@example.com";
    deliver(mail(customer, "", "Invoice question", newId(), "What is this fee?", Map.of()));
    fetch();
    String caseId = caseOf(customer).get("id").asString();
    String token = server.bean(CaseReferences.class).token(caseId).orElseThrow();
    deliver(
        mail(customer, "", "Re: Invoice question [" + token + "]", newId(), "Any news?", Map.of()));
    fetch();
    assertThat(casesOf(customer)).hasSize(1);
    assertThat(interactions(caseId)).hasSize(2);
  }

  @Test
  void autoRepliesListMailLoopsAndBouncesOpenNoCase() throws Exception {
    String customer = "auto-" + UUID.randomUUID() + "@example.com";
    deliver(
        mail(
            customer,
            "",
            "Out of office",
            newId(),
            "I am away.",
            Map.of("Auto-Submitted", "auto-replied")));
    deliver(mail(customer, "", "Newsletter", newId(), "Our news.", Map.of("Precedence", "bulk")));
    deliver(mail(customer, "", "Away", newId(), "Away.", Map.of("X-Autoreply", "yes")));
    deliver(mail(SUPPORT, "", "Loop", newId(), "Our own mail back.", Map.of()));
    assertThat(fetch()).isEqualTo(4);
    assertThat(casesOf(customer)).isEmpty();
    assertThat(casesOf(SUPPORT)).isEmpty();

    String sender = "bounce-" + UUID.randomUUID() + "@example.com";
    deliver(mail(sender, "", "Billing", newId(), "Please call me.", Map.of()));
    fetch();
    String caseId = caseOf(sender).get("id").asString();
    RunningServer.Reply replied =
        server.postJson(
            "/api/v1/cases/" + caseId + "/interactions",
            RunningServer.TOKEN,
            Map.of("kind", "outbound", "body", "We will call you."));
    assertThat(replied.status()).as(replied.body()).isIn(200, 201);
    MimeMessage sent = awaitMailTo(sender, 1).getFirst();
    long casesBefore = count();
    deliver(bounce(sent.getMessageID(), sender));
    assertThat(fetch()).isEqualTo(1);
    assertThat(count()).as("a bounce opens no case").isEqualTo(casesBefore);
    OutboundMessage outbound = outbound(caseId);
    assertThat(outbound.state()).isEqualTo(OutboundMessage.State.FAILED);
    assertThat(outbound.lastError().orElseThrow()).contains("5.1.1");
  }

  @Test
  void theSameMessageIdFetchedTwiceOpensOneCase() throws Exception {
    String customer = "twice-" + UUID.randomUUID() + "@example.com";
    String id = newId();
    deliver(mail(customer, "", "Double", id, "Sent once, delivered twice.", Map.of()));
    deliver(mail(customer, "", "Double", id, "Sent once, delivered twice.", Map.of()));
    assertThat(fetch()).isEqualTo(2);
    assertThat(casesOf(customer)).hasSize(1);
    assertThat(interactions(casesOf(customer).getFirst().get("id").asString())).hasSize(1);
    assertThat(fetch()).as("both are marked seen").isZero();
  }

  @Test
  void withSmtpDownTheReplyWaitsInTheOutboxAndIsSentOnceSmtpIsBack() throws Exception {
    String customer = "down-" + UUID.randomUUID() + "@example.com";
    deliver(mail(customer, "", "Billing", newId(), "Where is my invoice?", Map.of()));
    fetch();
    String caseId = caseOf(customer).get("id").asString();
    smtp.cut();
    try {
      server.postJson(
          "/api/v1/cases/" + caseId + "/interactions",
          RunningServer.TOKEN,
          Map.of("kind", "outbound", "body", "Here it comes."));
      OutboundMessage waiting = awaitOutbound(caseId, o -> o.attempts() >= 1);
      assertThat(waiting.state()).isEqualTo(OutboundMessage.State.QUEUED);
      assertThat(waiting.lastError().orElseThrow()).contains("cannot be reached");
      assertThat(mailTo(customer)).isEmpty();
    } finally {
      smtp.restore();
    }
    clock.advance(Duration.ofMinutes(2));
    server.bean(Outbox.class).deliverDue();
    assertThat(awaitMailTo(customer, 1)).hasSize(1);
    assertThat(outbound(caseId).state()).isEqualTo(OutboundMessage.State.SENT);
  }

  @Test
  void anUnreadableMailIsQuarantinedAndReprocessedAfterAFix() throws Exception {
    String customer = "broken-" + UUID.randomUUID() + "@example.com";
    String id = newId();
    String broken =
        "From: "
            + customer
            + "\r\nTo: "
            + SUPPORT
            + "\r\nSubject: Broken\r\nMessage-ID: "
            + id
            + "\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed\r\n\r\n"
            + "--frontier\r\nContent-Type: text/plain\r\n\r\nMy invoice is wrong.\r\n--frontier--\r\n";
    deliver(
        new MimeMessage(
            SESSION, new ByteArrayInputStream(broken.getBytes(StandardCharsets.US_ASCII))));
    assertThat(fetch()).isEqualTo(1);
    assertThat(casesOf(customer)).isEmpty();
    JsonNode held = quarantined(id);
    assertThat(held.get("reason").asString()).contains("boundary");

    String heldId = held.get("id").asString();
    RunningServer.Reply still =
        server.post(
            "/api/v1/mailboxes/quarantine/" + heldId + "/reprocess",
            RunningServer.TOKEN,
            "application/json",
            new byte[0]);
    assertThat(still.status()).as(still.body()).isEqualTo(409);
    assertThat(still.contentType()).startsWith("application/problem+json");

    String fixed = broken.replace("multipart/mixed", "multipart/mixed; boundary=frontier");
    RunningServer.Reply taken =
        server.post(
            "/api/v1/mailboxes/quarantine/" + heldId + "/reprocess",
            RunningServer.TOKEN,
            "message/rfc822",
            fixed.getBytes(StandardCharsets.US_ASCII));
    assertThat(taken.status()).as(taken.body()).isEqualTo(200);
    assertThat(taken.json().get("outcome").asString()).isEqualTo("opened");
    assertThat(
            interactions(caseOf(customer).get("id").asString()).getFirst().get("body").asString())
        .isEqualTo("My invoice is wrong.");
    assertThat(quarantinedIds()).doesNotContain(heldId);
  }

  @Test
  void aMailboxWithBadSettingsIsRefusedFieldByField() throws Exception {
    Map<String, Object> body = new LinkedHashMap<>(mailbox());
    body.put("address", "not an address");
    body.put("imap_host", "imap.example.com");
    body.put("smtp_port", 70000);
    body.put("calendar", "no-such-calendar");
    RunningServer.Reply refused = server.postJson("/api/v1/mailboxes", RunningServer.TOKEN, body);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    List<String> fields = new ArrayList<>();
    refused.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
    assertThat(fields)
        .containsExactlyInAnyOrder("address", "imap_security", "smtp_port", "calendar");
    RunningServer.Reply listed = server.get("/api/v1/mailboxes", RunningServer.TOKEN);
    assertThat(listed.json().get("items")).hasSize(1);
    assertThat(listed.body()).doesNotContain("mailbox-password");
  }

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

  // --- helpers

  static String newId() {
    return "<" + UUID.randomUUID() + "@mail.example.com>";
  }

  static MimeMessage mail(
      String from,
      String name,
      String subject,
      String messageId,
      String text,
      Map<String, String> headers)
      throws Exception {
    StringBuilder raw = new StringBuilder();
    raw.append("From: ")
        .append(name.isEmpty() ? from : "\"" + name + "\" <" + from + ">")
        .append("\r\n");
    raw.append("To: ").append(SUPPORT).append("\r\n");
    raw.append("Subject: ").append(subject).append("\r\n");
    raw.append("Message-ID: ").append(messageId).append("\r\n");
    headers.forEach((k, v) -> raw.append(k).append(": ").append(v).append("\r\n"));
    raw.append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n");
    raw.append(text.replace("\n", "\r\n")).append("\r\n");
    return new MimeMessage(
        SESSION, new ByteArrayInputStream(raw.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /** A delivery status notification (RFC 3464) as a receiving server sends it for a bad address. */
  static MimeMessage bounce(String originalId, String recipient) throws Exception {
    String raw =
        "From: MAILER-DAEMON@mx.example.com\r\nTo: "
            + SUPPORT
            + "\r\nSubject: Undelivered Mail\r\n"
            + "Message-ID: "
            + newId()
            + "\r\nAuto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\r\n\r\n"
            + "--b1\r\nContent-Type: text/plain\r\n\r\nYour mail could not be delivered.\r\n"
            + "--b1\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.com\r\n\r\n"
            + "Final-Recipient: rfc822; "
            + recipient
            + "\r\nAction: failed\r\nStatus: 5.1.1\r\n"
            + "Diagnostic-Code: smtp; 550 5.1.1 User unknown\r\n"
            + "--b1\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: "
            + originalId
            + "\r\n"
            + "Subject: Re: Billing\r\n\r\n--b1--\r\n";
    return new MimeMessage(
        SESSION, new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
  }

  void deliver(MimeMessage message) {
    supportInbox.deliver(message);
  }

  int fetch() throws Exception {
    RunningServer.Reply reply =
        server.post(
            "/api/v1/mailboxes/" + mailboxId + "/fetch",
            RunningServer.TOKEN,
            "application/json",
            new byte[0]);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().get("error").isNull()).as(reply.body()).isTrue();
    return reply.json().get("fetched").asInt();
  }

  JsonNode get(String path) throws Exception {
    RunningServer.Reply reply = server.get(path, RunningServer.TOKEN);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  List<JsonNode> casesOf(String email) throws Exception {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode c : get("/api/v1/cases?channel=email&limit=200").get("items")) {
      if (c.get("customer").get("email").asString().equalsIgnoreCase(email)) {
        found.add(c);
      }
    }
    return found;
  }

  JsonNode caseOf(String email) throws Exception {
    List<JsonNode> cases = casesOf(email);
    assertThat(cases).as("the cases of " + email).hasSize(1);
    return get("/api/v1/cases/" + cases.getFirst().get("id").asString());
  }

  long count() throws Exception {
    return get("/api/v1/cases?limit=200").get("items").size();
  }

  List<JsonNode> interactions(String caseId) throws Exception {
    List<JsonNode> list = new ArrayList<>();
    get("/api/v1/cases/" + caseId).get("interactions").forEach(list::add);
    return list;
  }

  OutboundMessage outbound(String caseId) {
    List<OutboundMessage> messages = server.bean(Outbox.class).ofCase(caseId);
    assertThat(messages).isNotEmpty();
    return messages.getLast();
  }

  OutboundMessage awaitOutbound(String caseId, java.util.function.Predicate<OutboundMessage> until)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    OutboundMessage last = null;
    while (System.nanoTime() < deadline) {
      List<OutboundMessage> messages = server.bean(Outbox.class).ofCase(caseId);
      if (!messages.isEmpty()) {
        last = messages.getLast();
        if (until.test(last)) {
          return last;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the outbound message did not get there: " + last);
  }

  List<MimeMessage> mailTo(String address) {
    return mail.findReceivedMessages(u -> u.getEmail().equalsIgnoreCase(address), m -> true)
        .toList();
  }

  List<MimeMessage> awaitMailTo(String address, int count) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      List<MimeMessage> found = mailTo(address);
      if (found.size() >= count) {
        return found;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no mail to " + address + " within 20 s");
  }

  JsonNode quarantined(String messageId) throws Exception {
    for (JsonNode held : get("/api/v1/mailboxes/quarantine").get("items")) {
      if (messageId.equals(held.get("message_id").asString())) {
        return held;
      }
    }
    throw new AssertionError(messageId + " is not in the quarantine");
  }

  List<String> quarantinedIds() throws Exception {
    List<String> ids = new ArrayList<>();
    get("/api/v1/mailboxes/quarantine").get("items").forEach(h -> ids.add(h.get("id").asString()));
    return ids;
  }

  static JsonNode lastClock(JsonNode kase, String target) {
    JsonNode last = null;
    for (JsonNode c : kase.get("sla")) {
      if (c.get("target").asString().equals(target)) {
        last = c;
      }
    }
    assertThat(last).as("a " + target + " clock in " + kase.get("sla")).isNotNull();
    return last;
  }
}
