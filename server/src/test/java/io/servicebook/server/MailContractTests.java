package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.channels.CaseReferences;
import io.servicebook.server.channels.OutboundMessage;
import io.servicebook.server.channels.Outbox;
import io.servicebook.server.notifications.StaffMail;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Email both ways against GreenMail as a real SMTP and IMAP server, run against every database:
 * mail opens cases, the agent's reply from the console goes out threaded, answers thread back,
 * machines' mail opens nothing, outages delay but lose nothing, unreadable mail is kept.
 */
abstract class MailContractTests extends MailDrill {

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
  void aStaffNotificationMailLeavesThroughTheOutboxByTheMailboxsSmtp() throws Exception {
    String lead = "lead-" + UUID.randomUUID() + "@acme.example";
    StaffMail staffMail = server.bean(StaffMail.class);
    server
        .bean(TransactionTemplate.class)
        .executeWithoutResult(
            status -> staffMail.send(lead, "A case breached its SLA", "Case SB-TEST breached."));
    MimeMessage sent = awaitMailTo(lead, 1).getFirst();
    assertThat(sent.getSubject()).isEqualTo("A case breached its SLA");
    assertThat(sent.getFrom()[0].toString()).contains(SUPPORT);
    assertThat(sent.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
    assertThat(((String) sent.getContent()).strip()).isEqualTo("Case SB-TEST breached.");
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
}
