package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.mail.DemoMailServer;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
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
 * The demo's mail as a new user meets it: a made-up customer mails the demo support address from a
 * mail client (SMTP on the demo server's port), the case appears by itself, the agent answers in
 * the console, and the customer reads the threaded answer by IMAP, signed in with their own address
 * as the password.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoMailTests {

  RunningServer server;
  DemoMailServer mail;

  @BeforeAll
  void start(@TempDir Path dataDir) {
    server =
        RunningServer.start(
            dataDir,
            Map.of(),
            Map.of(
                "servicebook.demo",
                true,
                "servicebook.mail.demo-smtp-port",
                0,
                "servicebook.mail.demo-imap-port",
                0,
                "servicebook.outbox.polling-interval",
                "PT0.2S"));
    mail = server.bean(DemoMailServer.class);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aMadeUpCustomerMailsTheDemoAddressAndReadsTheThreadedAnswer() throws Exception {
    assertThat(mail.running()).isTrue();
    String customer = "maya-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    Session session = Session.getInstance(new Properties());
    MimeMessage question = new MimeMessage(session);
    question.setFrom(new InternetAddress(customer, "Maya Angelou"));
    question.setRecipient(Message.RecipientType.TO, new InternetAddress(DemoMailServer.ADDRESS));
    question.setSubject("My order has not arrived");
    question.setText("Hello, order 1234 has not arrived yet.");
    try (Transport smtp = session.getTransport("smtp")) {
      smtp.connect("127.0.0.1", mail.smtpPort(), customer, customer);
      question.saveChanges();
      smtp.sendMessage(question, question.getAllRecipients());
    }
    String questionId = question.getMessageID();

    String caseId = awaitCaseOf(customer);
    ConsoleSession agent = new ConsoleSession(server.base);
    agent.login("agent", "demo");
    Matcher csrf = ConsoleSession.CSRF.matcher(agent.get("/cases/" + caseId).body());
    assertThat(csrf.find()).isTrue();
    HttpResponse<String> replied =
        agent.post(
            "/cases/" + caseId + "/reply",
            Map.of("body", "It leaves our warehouse today.", "_csrf", csrf.group(1)),
            Map.of());
    assertThat(replied.statusCode()).isEqualTo(302);

    MimeMessage answer = awaitAnswer(customer);
    assertThat(answer.getHeader("In-Reply-To", null)).isEqualTo(questionId);
    assertThat(answer.getSubject()).contains("My order has not arrived").contains("[SB-");
    assertThat(answer.getFrom()[0].toString()).contains(DemoMailServer.ADDRESS);
  }

  private String awaitCaseOf(String customer) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode items =
          server
              .get("/api/v1/cases?channel=email&limit=50", RunningServer.TOKEN)
              .json()
              .get("items");
      for (JsonNode c : items) {
        if (c.get("customer").get("email").asString().equals(customer)) {
          return c.get("id").asString();
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no case for " + customer + " within 30 s");
  }

  /** Reads the customer's inbox by IMAP, signed in with the address as its own password. */
  private MimeMessage awaitAnswer(String customer) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Session session = Session.getInstance(new Properties());
    while (System.nanoTime() < deadline) {
      try (Store store = session.getStore("imap")) {
        store.connect("127.0.0.1", mail.imapPort(), customer, customer);
        Folder inbox = store.getFolder("INBOX");
        if (inbox.exists()) {
          inbox.open(Folder.READ_ONLY);
          Message[] messages =
              inbox.search(new jakarta.mail.search.FlagTerm(new Flags(Flags.Flag.DELETED), false));
          if (messages.length > 0) {
            MimeMessage copy = new MimeMessage((MimeMessage) messages[0]);
            inbox.close(false);
            return copy;
          }
          inbox.close(false);
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no answer in the inbox of " + customer + " within 30 s");
  }
}
