package io.servicebook.server.mail;

import io.servicebook.protocol.Channel;
import io.servicebook.server.cases.Cases;
import io.servicebook.server.cases.Customers;
import io.servicebook.server.channels.InboundMessage;
import io.servicebook.server.channels.InboundMessages;
import io.servicebook.server.channels.Outbox;
import io.servicebook.server.mail.MailReader.Reading;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes one fetched mail in: a customer's mail threads into its case or opens one (with its quoted
 * history and attachments kept beside it, in the same transaction), a bounce marks our message
 * failed, an automatic reply or a loop opens nothing, and a mail that cannot be read goes to the
 * quarantine. Whatever it was, it is settled in the database when this returns, so the fetcher may
 * then mark it on the mail server.
 */
@Component
class MailIntake {

  private static final Logger log = LoggerFactory.getLogger(MailIntake.class);

  private final InboundMessages inbound;
  private final Outbox outbox;
  private final Customers customers;
  private final MailboxRepository mailboxes;
  private final ReceivedMailRepository mails;
  private final QuarantineRepository quarantine;
  private final MailSettings settings;
  private final TransactionTemplate transactions;
  private final Clock clock;

  MailIntake(
      InboundMessages inbound,
      Outbox outbox,
      Customers customers,
      MailboxRepository mailboxes,
      ReceivedMailRepository mails,
      QuarantineRepository quarantine,
      MailSettings settings,
      TransactionTemplate transactions,
      Clock clock) {
    this.inbound = inbound;
    this.outbox = outbox;
    this.customers = customers;
    this.mailboxes = mailboxes;
    this.mails = mails;
    this.quarantine = quarantine;
    this.settings = settings;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** What became of a mail. */
  sealed interface Taken {
    /** Part of a case now: opened, threaded, or seen before ({@code DUPLICATE}). */
    record IntoCase(String caseId, InboundMessages.Outcome outcome) implements Taken {}

    /** An automatic reply, list mail or loop: no case. */
    record Ignored(String why) implements Taken {}

    /** A delivery report; {@code marked} when it named a message of ours, now failed. */
    record Bounced(boolean marked) implements Taken {}

    /** Could not be read: kept in the quarantine. */
    record Quarantined(String reason) implements Taken {}
  }

  /** The source the channels feature records a mailbox's mail under. */
  static String source(Mailbox mailbox) {
    return "mail:" + MailboxRepository.key(mailbox.address());
  }

  Taken take(Mailbox mailbox, byte[] raw) {
    Reading reading = read(raw);
    if (reading instanceof Reading.Unreadable unreadable) {
      hold(mailbox, raw, unreadable);
      return new Taken.Quarantined(unreadable.reason());
    }
    return take(mailbox, reading);
  }

  /** Reads the mail, knowing our own addresses (a mail from one of them is a loop). */
  Reading read(byte[] raw) {
    Set<String> own =
        mailboxes.all().stream()
            .map(m -> m.address().toLowerCase(Locale.ROOT))
            .collect(Collectors.toSet());
    return MailReader.read(raw, own);
  }

  /** Settles a mail that was read; an unreadable one is for the caller to keep. */
  Taken take(Mailbox mailbox, Reading reading) {
    return switch (reading) {
      case Reading.CustomerMail mail -> intoCase(mailbox, mail);
      case Reading.Ignored ignored -> {
        log.info(
            "Mailbox {}: mail {} opens no case: {}",
            mailbox.address(),
            ignored.messageId(),
            ignored.why());
        yield new Taken.Ignored(ignored.why());
      }
      case Reading.Bounce bounce -> {
        boolean marked =
            bounce.original().map(id -> outbox.bounced(id, bounce.reason())).orElse(false);
        log.info(
            "Mailbox {}: delivery report {} on {}: {}{}",
            mailbox.address(),
            bounce.messageId(),
            bounce.original().orElse("(no original named)"),
            bounce.reason(),
            marked ? "" : " (not a message of ours)");
        yield new Taken.Bounced(marked);
      }
      case Reading.Unreadable unreadable ->
          throw new IllegalStateException("an unreadable mail reached intoCase: a bug");
    };
  }

  void hold(Mailbox mailbox, byte[] raw, Reading.Unreadable unreadable) {
    String fingerprint = HexFormat.of().formatHex(MailReader.sha256(raw));
    boolean fresh =
        quarantine.hold(
            UUID.randomUUID().toString(),
            mailbox.id(),
            fingerprint,
            unreadable.messageId(),
            raw,
            unreadable.reason(),
            clock.instant());
    if (fresh) {
      log.warn(
          "Mailbox {}: a mail ({} bytes, Message-ID {}) cannot be read and is kept in the"
              + " quarantine (/admin/mailboxes): {}",
          mailbox.address(),
          raw.length,
          unreadable.messageId().orElse("none"),
          unreadable.reason());
    }
  }

  private Taken intoCase(Mailbox mailbox, Reading.CustomerMail mail) {
    InboundMessages.Accepted accepted =
        Cases.retryingLostRaces(() -> transactions.execute(status -> accept(mailbox, mail)));
    return new Taken.IntoCase(accepted.caseId(), accepted.outcome());
  }

  private InboundMessages.Accepted accept(Mailbox mailbox, Reading.CustomerMail mail) {
    boolean known = customers.byEmail(mail.senderEmail()).isPresent();
    // a known customer keeps their language; a new one gets the mail's, else the mailbox's
    Optional<String> language =
        known ? Optional.empty() : mail.language().or(() -> Optional.of(mailbox.language()));
    String name =
        mail.senderName().isBlank()
            ? mail.senderEmail().substring(0, mail.senderEmail().indexOf('@'))
            : mail.senderName();
    InboundMessage message =
        new InboundMessage(
            Channel.EMAIL,
            source(mailbox),
            mail.messageId(),
            InboundMessage.Sender.named(
                name, Optional.of(mail.senderEmail()), Optional.empty(), language),
            MailReader.caseSubject(mail.subject()),
            mail.body().isBlank() ? "(no text)" : mail.body(),
            mail.references(),
            mail.caseToken(),
            mailbox.category(),
            mailbox.team());
    InboundMessages.Accepted accepted = inbound.accept(message, source(mailbox));
    if (accepted.outcome() != InboundMessages.Outcome.DUPLICATE) {
      keep(mailbox, mail, accepted.caseId());
    }
    return accepted;
  }

  private void keep(Mailbox mailbox, Reading.CustomerMail mail, String caseId) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    long received =
        mails.insertReceived(
            new ReceivedMailRepository.Received(
                0,
                mailbox.id(),
                mail.messageId(),
                caseId,
                mail.senderEmail(),
                mail.subject(),
                mail.quoted(),
                now));
    for (MailReader.Attachment a : mail.attachments()) {
      boolean tooLarge = a.content().length > settings.maxAttachmentBytes();
      mails.insertAttachment(
          new ReceivedMailRepository.StoredAttachment(
              UUID.randomUUID().toString(),
              caseId,
              received,
              a.fileName(),
              ContentSniffer.sniff(a.content()),
              a.declaredType(),
              a.content().length,
              tooLarge
                  ? Optional.of(
                      "larger than the limit of " + settings.maxAttachmentBytes() + " bytes")
                  : Optional.empty(),
              now),
          tooLarge ? null : a.content());
    }
  }
}
