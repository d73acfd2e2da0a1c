package io.servicebook.server.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import java.util.Properties;

/**
 * Opens connections to a mailbox's servers with the settings its security asks for: TLS from the
 * first byte, STARTTLS required (never silently plain), or plain only for a local server; server
 * certificates and host names are checked; every connection and read has a timeout.
 */
final class MailConnections {

  private MailConnections() {}

  private static final String TIMEOUT = "30000";

  static Store store(Mailbox mailbox, String password) throws MessagingException {
    Mailbox.Server imap = mailbox.imap();
    String protocol = imap.security() == Mailbox.Security.TLS ? "imaps" : "imap";
    Properties p = common(protocol, imap.security());
    // fetch a mail's bytes without marking it seen: it is marked once its case is committed
    p.setProperty("mail." + protocol + ".peek", "true");
    // a mail's bytes in one command rather than in 16 KB pieces, one round trip each
    p.setProperty("mail." + protocol + ".partialfetch", "false");
    Store store = Session.getInstance(p).getStore(protocol);
    store.connect(imap.host(), imap.port(), imap.user(), password);
    return store;
  }

  static Transport transport(Mailbox mailbox, String password) throws MessagingException {
    Mailbox.Server smtp = mailbox.smtp();
    String protocol = smtp.security() == Mailbox.Security.TLS ? "smtps" : "smtp";
    Properties p = common(protocol, smtp.security());
    p.setProperty("mail." + protocol + ".auth", String.valueOf(!password.isEmpty()));
    Transport transport = session(p).getTransport(protocol);
    transport.connect(smtp.host(), smtp.port(), smtp.user(), password);
    return transport;
  }

  static Session session(Properties p) {
    return Session.getInstance(p);
  }

  private static Properties common(String protocol, Mailbox.Security security) {
    Properties p = new Properties();
    String prefix = "mail." + protocol + ".";
    p.setProperty(prefix + "connectiontimeout", TIMEOUT);
    p.setProperty(prefix + "timeout", TIMEOUT);
    p.setProperty(prefix + "writetimeout", TIMEOUT);
    switch (security) {
      case TLS -> p.setProperty(prefix + "ssl.checkserveridentity", "true");
      case STARTTLS -> {
        p.setProperty(prefix + "starttls.enable", "true");
        p.setProperty(prefix + "starttls.required", "true");
        p.setProperty(prefix + "ssl.checkserveridentity", "true");
      }
      case NONE -> {
        // a local server only (MailboxRequest refuses other hosts)
      }
    }
    return p;
  }
}
