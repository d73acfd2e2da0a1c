package io.servicebook.server.mail;

import io.servicebook.server.channels.CaseReferences;
import io.servicebook.server.channels.Delivery;
import io.servicebook.server.channels.InboundMessages;
import io.servicebook.server.channels.OutboundMessage;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Sends the outbox's {@code email} messages by SMTP from the mailbox the case came in on (else the
 * first enabled one): plain text and HTML, the outbox's Message-ID (so the answer threads back),
 * {@code In-Reply-To} and {@code References} naming the customer's mails, and the case token in the
 * subject, in the customer's language. A 4xx answer or a server that cannot be reached is tried
 * again later; a 5xx answer fails the message with the server's reason.
 */
@Component
class SmtpDelivery implements Delivery {

  private final Mailboxes mailboxes;
  private final ReceivedMailRepository mails;
  private final InboundMessages inbound;
  private final CaseReferences references;
  private final Clock clock;

  SmtpDelivery(
      Mailboxes mailboxes,
      ReceivedMailRepository mails,
      InboundMessages inbound,
      CaseReferences references,
      Clock clock) {
    this.mailboxes = mailboxes;
    this.mails = mails;
    this.inbound = inbound;
    this.references = references;
    this.clock = clock;
  }

  @Override
  public String transport() {
    return "email";
  }

  @Override
  public Result deliver(OutboundMessage message) {
    Optional<Mailbox> from = sender(message.caseId());
    if (from.isEmpty()) {
      return new Result.Retry(
          "No mailbox to send from: add one on /admin/mailboxes (or enable one).");
    }
    Mailbox mailbox = from.get();
    try {
      MimeMessage mail = compose(mailbox, message);
      try (Transport transport =
          MailConnections.transport(mailbox, mailboxes.password(mailbox).orElse(""))) {
        transport.sendMessage(mail, mail.getAllRecipients());
      }
      return new Result.Sent();
    } catch (MessagingException e) {
      return judged(e);
    }
  }

  /**
   * The case's own mailbox while it is enabled, else the first enabled one (also for mail to staff,
   * which belongs to no case).
   */
  private Optional<Mailbox> sender(Optional<String> caseId) {
    return caseId
        .flatMap(mails::mailboxOfCase)
        .flatMap(mailboxes::find)
        .filter(Mailbox::enabled)
        .or(() -> mailboxes.all().stream().filter(Mailbox::enabled).findFirst());
  }

  MimeMessage compose(Mailbox mailbox, OutboundMessage message) throws MessagingException {
    if (message.caseId().isEmpty()) {
      return staffMail(mailbox, message);
    }
    String caseId = message.caseId().get();
    String token = references.token(caseId).orElse("");
    MailWording wording = MailWording.of(message.language());
    MimeMessage mail = new FixedIdMessage(message.messageId());
    try {
      mail.setFrom(new InternetAddress(mailbox.address(), mailbox.displayName(), "UTF-8"));
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("every JVM has UTF-8", e);
    }
    mail.setRecipient(Message.RecipientType.TO, new InternetAddress(message.recipient()));
    mail.setSubject(wording.subject(message.subject(), token), "UTF-8");
    mail.setSentDate(Date.from(clock.instant()));
    mail.setHeader("Content-Language", message.language());
    List<String> customerMails =
        inbound.externalIds(caseId).stream().filter(id -> id.startsWith("<")).toList();
    if (!customerMails.isEmpty()) {
      mail.setHeader("In-Reply-To", customerMails.getLast());
      mail.setHeader(
          "References",
          String.join(
              " ",
              customerMails.subList(Math.max(0, customerMails.size() - 20), customerMails.size())));
    }
    String text = message.body() + "\n\n-- \n" + wording.footer(token);
    MimeBodyPart plain = new MimeBodyPart();
    plain.setText(text, "UTF-8", "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(html(message.body(), wording.footer(token), message.language()), "UTF-8", "html");
    MimeMultipart alternative = new MimeMultipart("alternative", plain, html);
    mail.setContent(alternative);
    mail.saveChanges();
    return mail;
  }

  /** A notification to a member of staff: plain text, its own subject, no case to thread into. */
  private MimeMessage staffMail(Mailbox mailbox, OutboundMessage message)
      throws MessagingException {
    MimeMessage mail = new FixedIdMessage(message.messageId());
    try {
      mail.setFrom(new InternetAddress(mailbox.address(), mailbox.displayName(), "UTF-8"));
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("every JVM has UTF-8", e);
    }
    mail.setRecipient(Message.RecipientType.TO, new InternetAddress(message.recipient()));
    mail.setSubject(message.subject(), "UTF-8");
    mail.setSentDate(Date.from(clock.instant()));
    mail.setHeader("Auto-Submitted", "auto-generated");
    mail.setText(message.body(), "UTF-8", "plain");
    mail.saveChanges();
    return mail;
  }

  private static String html(String body, String footer, String language) {
    StringBuilder html =
        new StringBuilder("<!DOCTYPE html><html lang=\"")
            .append(HtmlUtils.htmlEscape(language))
            .append("\"><body>");
    for (String paragraph : body.strip().split("\\n\\s*\\n")) {
      html.append("<p>")
          .append(HtmlUtils.htmlEscape(paragraph.strip()).replace("\n", "<br>"))
          .append("</p>");
    }
    html.append("<hr><p style=\"color:#555;font-size:90%\">")
        .append(HtmlUtils.htmlEscape(footer))
        .append("</p></body></html>");
    return html.toString();
  }

  /**
   * Retry or fail, as the SMTP server's answer says: a 5xx code is final (the address does not
   * exist, the message is refused), anything else — 4xx, no connection, a refused login — may pass
   * later.
   */
  static Result judged(MessagingException e) {
    for (Exception next = e; next != null; ) {
      int code =
          switch (next) {
            case SMTPSendFailedException f -> f.getReturnCode();
            case SMTPAddressFailedException f -> f.getReturnCode();
            case SMTPSenderFailedException f -> f.getReturnCode();
            default -> 0;
          };
      if (code >= 500) {
        return new Result.Failed("SMTP " + code + ": " + next.getMessage().strip());
      }
      if (code >= 400) {
        return new Result.Retry("SMTP " + code + ": " + next.getMessage().strip());
      }
      next = next instanceof MessagingException m ? m.getNextException() : null;
    }
    if (e instanceof AuthenticationFailedException) {
      return new Result.Retry("The SMTP server refused the mailbox's login: " + e.getMessage());
    }
    Throwable cause = e.getCause();
    return new Result.Retry(
        cause instanceof IOException io
            ? "The SMTP server cannot be reached: " + io
            : MailFetching.describe(e));
  }

  /** A message that keeps the Message-ID the outbox gave it instead of making a new one. */
  private static final class FixedIdMessage extends MimeMessage {
    private final String messageId;

    FixedIdMessage(String messageId) {
      super(MailConnections.session(new java.util.Properties()));
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
