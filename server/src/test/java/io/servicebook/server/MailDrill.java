package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.servicebook.server.channels.OutboundMessage;
import io.servicebook.server.channels.Outbox;
import io.servicebook.server.security.Role;
import io.servicebook.server.security.UserAccounts;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The mail tests' fixture, run against every database: GreenMail as a real SMTP and IMAP server
 * (its SMTP behind a proxy that can be cut), a server with a settable clock and the support mailbox
 * pointed at GreenMail, and the steps the tests take (deliver a mail, fetch, read the cases).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MailDrill {

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
