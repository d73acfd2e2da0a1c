package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A server killed with SIGKILL while it takes mail in — between fetching a mail and committing its
 * case, most of the time, as that is where the time goes — opens no case twice and loses no mail:
 * restarted on the same data, it fetches what it had not marked and the Message-ID settles it.
 */
abstract class MailCrashContractTests {

  static final int MAILS = 150;
  static final String SUPPORT = "support@crash.example";

  @TempDir Path dataDir;

  abstract Map<String, String> database();

  int kills() {
    return Integer.getInteger("servicebook.mailcrash.kills", 2);
  }

  @Test
  void killsBetweenFetchAndCommitOpenNoDuplicateAndLoseNoMail() throws Exception {
    long seed = Long.getLong("servicebook.mailcrash.seed", System.nanoTime());
    Random random = new Random(seed);
    GreenMail mail =
        new GreenMail(
                new ServerSetup[] {
                  new ServerSetup(0, "127.0.0.1", "smtp"), new ServerSetup(0, "127.0.0.1", "imap")
                })
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    mail.start();
    try {
      GreenMailUser inbox = mail.setUser(SUPPORT, SUPPORT, "pw");
      for (int i = 0; i < MAILS; i++) {
        inbox.deliver(
            MailContractTests.mail(
                "crash-" + i + "@example.com",
                "",
                "crash mail " + i,
                "<crash-" + i + "@example.com>",
                "Mail number " + i,
                Map.of()));
      }
      Map<String, String> database = database();
      int kills = 0;
      ServerProcess server =
          ServerProcess.start(dataDir, database, dataDir.resolve("server-0.log"));
      try {
        configure(server, mail);
        int before = 0;
        while (kills < kills()) {
          // kill while mail flows: once this start has opened a case of its own, before the batch
          // it works on is marked seen
          long wait = System.nanoTime() + Duration.ofSeconds(90).toNanos();
          while (cases(server) <= before && System.nanoTime() < wait) {
            Thread.sleep(50);
          }
          Thread.sleep(100 + random.nextInt(700));
          int opened = cases(server);
          server.kill();
          kills++;
          System.out.printf(
              "mail crash drill: kill %d with at least %d case(s) committed, %d mail(s) marked seen%n",
              kills, opened, seen(mail));
          server =
              ServerProcess.start(dataDir, database, dataDir.resolve("server-" + kills + ".log"));
          before = cases(server);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (seen(mail) < MAILS && System.nanoTime() < deadline) {
          Thread.sleep(500);
        }
        assertThat(seen(mail))
            .as("every mail marked seen (seed %d)\n%s", seed, server.logTail())
            .isEqualTo(MAILS);
        Map<String, Integer> casesBySubject = casesBySubject(server);
        System.out.printf(
            "mail crash drill (%s, seed %d): %d kills, %d mails, %d cases%n",
            getClass().getSimpleName(), seed, kills, MAILS, casesBySubject.size());
        TreeSet<String> expected = new TreeSet<>();
        for (int i = 0; i < MAILS; i++) {
          expected.add("crash mail " + i);
        }
        assertThat(new TreeSet<>(casesBySubject.keySet())).as("no mail lost").isEqualTo(expected);
        assertThat(casesBySubject.values()).as("no case opened twice").allMatch(n -> n == 1);
      } finally {
        server.close();
      }
    } finally {
      mail.stop();
    }
  }

  private static void configure(ServerProcess server, GreenMail mail) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("address", SUPPORT);
    body.put("imap_host", "127.0.0.1");
    body.put("imap_port", mail.getImap().getPort());
    body.put("imap_security", "none");
    body.put("smtp_host", "127.0.0.1");
    body.put("smtp_port", mail.getSmtp().getPort());
    body.put("smtp_security", "none");
    body.put("password", "pw");
    body.put("category", "billing");
    body.put("poll_seconds", 5);
    HttpResponse<String> created =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/mailboxes"))
                    .header("Authorization", "Bearer " + ServerProcess.TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            RunningServer.JSON.writeValueAsString(body)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
  }

  /** How many of the mailbox's mails are marked seen, read by IMAP as a mail client would. */
  private static int seen(GreenMail mail) throws Exception {
    Session session = Session.getInstance(new Properties());
    try (Store store = session.getStore("imap")) {
      store.connect("127.0.0.1", mail.getImap().getPort(), SUPPORT, "pw");
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      try {
        return inbox.search(new jakarta.mail.search.FlagTerm(new Flags(Flags.Flag.SEEN), true))
            .length;
      } finally {
        inbox.close(false);
      }
    }
  }

  private static int cases(ServerProcess server) throws Exception {
    return casesBySubject(server).values().stream().mapToInt(Integer::intValue).sum();
  }

  private static Map<String, Integer> casesBySubject(ServerProcess server) throws Exception {
    Map<String, Integer> bySubject = new HashMap<>();
    String cursor = null;
    do {
      HttpResponse<String> page =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              server.base()
                                  + "/api/v1/cases?channel=email&limit=100"
                                  + (cursor == null ? "" : "&cursor=" + cursor)))
                      .header("Authorization", "Bearer " + ServerProcess.TOKEN)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      JsonNode body = RunningServer.JSON.readTree(page.body());
      for (JsonNode c : body.get("items")) {
        bySubject.merge(c.get("subject").asString(), 1, Integer::sum);
      }
      JsonNode next = body.get("next_cursor");
      cursor = next == null || next.isNull() ? null : next.asString();
    } while (cursor != null);
    return bySubject;
  }
}
