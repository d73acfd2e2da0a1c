package io.servicebook.server.mail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.servicebook.server.ServerSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo's own mail server ({@code serve --demo} only): GreenMail on 127.0.0.1, SMTP on 3025 and
 * IMAP on 3143 (or free ports when those are taken), with authentication off, so any address signs
 * in to its IMAP mailbox with any password (itself, say). The demo support mailbox {@value
 * #ADDRESS} is configured against it. A production server never starts it.
 */
@Component
@Order(100)
public class DemoMailServer implements ApplicationRunner {

  /** The demo's support address: mail it from any client, as a made-up customer. */
  public static final String ADDRESS = "support@servicebook.demo";

  private static final Logger log = LoggerFactory.getLogger(DemoMailServer.class);
  private static final String HOST = "127.0.0.1";

  private final boolean demo;
  private final MailSettings settings;
  private final Mailboxes mailboxes;
  private GreenMail server;

  DemoMailServer(ServerSettings server, MailSettings settings, Mailboxes mailboxes) {
    this.demo = server.demo();
    this.settings = settings;
    this.mailboxes = mailboxes;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!demo) {
      return;
    }
    int smtp = portOr(settings.demoSmtpPort());
    int imap = portOr(settings.demoImapPort());
    server =
        new GreenMail(
                new ServerSetup[] {
                  new ServerSetup(smtp, HOST, "smtp"), new ServerSetup(imap, HOST, "imap")
                })
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    server.start();
    configureMailbox();
    log.info(
        "Demo mail server: SMTP {}:{}, IMAP {}:{}, support address {}",
        HOST,
        smtpPort(),
        HOST,
        imapPort(),
        ADDRESS);
  }

  /** The demo support mailbox, pointed at this server's ports (which may differ from last time). */
  private void configureMailbox() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("address", ADDRESS);
    settings.put("display_name", "Servicebook demo support");
    settings.put("imap_host", HOST);
    settings.put("imap_port", imapPort());
    settings.put("imap_security", "none");
    settings.put("smtp_host", HOST);
    settings.put("smtp_port", smtpPort());
    settings.put("smtp_security", "none");
    settings.put("password", "demo");
    settings.put("category", "general");
    settings.put("poll_seconds", 5);
    Mailboxes.Saved saved =
        mailboxes
            .byAddress(ADDRESS)
            .map(m -> mailboxes.update(m.id(), settings, java.util.Optional.empty(), "system"))
            .orElseGet(() -> mailboxes.create(settings, "system"));
    if (!(saved instanceof Mailboxes.Saved.Done)) {
      throw new IllegalStateException("the demo mailbox could not be configured: " + saved);
    }
  }

  /** Whether the demo mail server runs (only with {@code --demo}). */
  public boolean running() {
    return server != null && server.isRunning();
  }

  public int smtpPort() {
    return server.getSmtp().getPort();
  }

  public int imapPort() {
    return server.getImap().getPort();
  }

  /** The port asked for, or a free one when it is taken. */
  private static int portOr(int wanted) {
    try (ServerSocket probe = new ServerSocket(wanted, 1, InetAddress.getByName(HOST))) {
      return wanted;
    } catch (IOException taken) {
      try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
        log.info(
            "Port {} is taken; the demo mail server uses {} instead", wanted, free.getLocalPort());
        return free.getLocalPort();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("no free port for the demo mail server", e);
      }
    }
  }

  @EventListener(ContextClosedEvent.class)
  void stop() {
    if (server != null) {
      server.stop();
    }
  }
}
