package io.servicebook.bench;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

/**
 * Mail rates against a running server on PostgreSQL: an in-process GreenMail holds {@code mails}
 * customer mails in the support mailbox; the harness points a mailbox at it and times how fast the
 * server turns them into cases (fetch, read, open the case, mark seen). Then it queues {@code
 * replies} messages in the outbox (one per case, written straight into {@code outbound_message} so
 * only the worker and SMTP are timed) and times how fast they reach GreenMail's SMTP.
 *
 * <p>Arguments: server URL, admin token, JDBC URL of the server's database, mails, replies.
 */
public final class MailLoad {

  private static final String SUPPORT = "support@bench.example";

  private MailLoad() {}

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String token = args[1];
    String jdbc = args[2];
    int mails = Integer.parseInt(args[3]);
    int replies = Integer.parseInt(args[4]);
    GreenMail mail =
        new GreenMail(
                new ServerSetup[] {
                  new ServerSetup(0, "127.0.0.1", "smtp"), new ServerSetup(0, "127.0.0.1", "imap")
                })
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    mail.start();
    try (Connection db = DriverManager.getConnection(jdbc, "postgres", "")) {
      preload(mail.setUser(SUPPORT, SUPPORT, "pw"), mails);
      System.out.printf("%,d mails waiting in %s%n", mails, SUPPORT);
      long start = System.nanoTime();
      configure(base, token, mail);
      long first = 0;
      long last = 0;
      int done = 0;
      while (done < mails) {
        Thread.sleep(200);
        done = count(db, "SELECT COUNT(*) FROM mail_received");
        if (done > 0 && first == 0) {
          first = System.nanoTime();
        }
        last = System.nanoTime();
      }
      double total = (last - start) / 1e9;
      double steady = (last - first) / 1e9;
      System.out.printf(
          "inbound: %,d mails into %,d cases in %.1f s from configuring the mailbox: %.1f cases/s"
              + " (%.1f cases/s from the first case on)%n",
          mails,
          count(db, "SELECT COUNT(*) FROM service_case"),
          total,
          mails / total,
          mails / steady);

      int queued;
      try (Statement s = db.createStatement()) {
        queued =
            s.executeUpdate(
                """
                INSERT INTO outbound_message (case_id, channel, transport, recipient, subject, body,
                    language, message_id, state, attempts, next_attempt_at, created_at)
                SELECT id, 'EMAIL', 'email', customer_email, subject, 'Thanks, we are on it.', 'en',
                       '<bench-' || id || '@bench.example>', 'queued', 0, now(), now()
                  FROM service_case WHERE channel = 'EMAIL' LIMIT %d
                """
                    .formatted(replies));
      }
      long sendStart = System.nanoTime();
      int sent = 0;
      while (sent < queued) {
        Thread.sleep(200);
        sent = count(db, "SELECT COUNT(*) FROM outbound_message WHERE state = 'sent'");
      }
      double sending = (System.nanoTime() - sendStart) / 1e9;
      int received = mail.getReceivedMessages().length - mails;
      System.out.printf(
          "outbound: %,d queued messages sent by SMTP in %.1f s: %.1f messages/s (%,d arrived)%n",
          queued, sending, queued / sending, received);
    } finally {
      mail.stop();
    }
  }

  private static void preload(GreenMailUser inbox, int mails) throws Exception {
    Session session = Session.getInstance(new Properties());
    for (int i = 0; i < mails; i++) {
      String raw =
          "From: Customer "
              + i
              + " <customer-"
              + i
              + "@example.com>\r\nTo: "
              + SUPPORT
              + "\r\nSubject: Invoice question "
              + i
              + "\r\nMessage-ID: <bench-in-"
              + i
              + "@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
              + "Hello, I have a question about invoice "
              + i
              + ".\r\n\r\nOn Monday, Support wrote:\r\n> an earlier answer\r\n";
      inbox.deliver(
          new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
    }
  }

  private static void configure(String base, String token, GreenMail mail) throws Exception {
    String body =
        """
        {"address": "%s", "imap_host": "127.0.0.1", "imap_port": %d, "imap_security": "none",
         "smtp_host": "127.0.0.1", "smtp_port": %d, "smtp_security": "none", "password": "pw",
         "category": "billing", "poll_seconds": 5}
        """
            .formatted(SUPPORT, mail.getImap().getPort(), mail.getSmtp().getPort());
    HttpResponse<String> created =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/mailboxes"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (created.statusCode() != 201) {
      throw new IllegalStateException("the mailbox was refused: " + created.body());
    }
  }

  private static int count(Connection db, String sql) throws Exception {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
