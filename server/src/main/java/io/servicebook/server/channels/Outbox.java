package io.servicebook.server.channels;

import io.servicebook.cases.Case;
import io.servicebook.cases.CaseEvent;
import io.servicebook.cases.Interaction;
import io.servicebook.protocol.Channel;
import io.servicebook.server.cases.CaseChanges;
import io.servicebook.server.cases.StoredCase;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The outbox: every public reply or automated message to a customer on a channel that needs
 * delivery is written here in the transaction that adds it to the case, so a crash or an outage of
 * the mail server delays it but never loses it. {@link OutboxWorker} delivers what is due.
 */
@Service
public class Outbox implements CaseChanges {

  private final OutboxRepository repository;
  private final Clock clock;
  private final String messageIdDomain;
  private final OutboxWorker worker;

  Outbox(
      OutboxRepository repository,
      Clock clock,
      OutboxWorker worker,
      @Value("${servicebook.outbox.message-id-domain:servicebook.local}") String messageIdDomain) {
    this.repository = repository;
    this.clock = clock;
    this.worker = worker;
    this.messageIdDomain = messageIdDomain;
  }

  /** The transport that carries a channel's messages, if anything here sends them. */
  static Optional<String> transportOf(Channel channel) {
    return switch (channel) {
      // the help centre's contact form is answered by email
      case EMAIL, WEB -> Optional.of("email");
      case SMS, SOCIAL -> Optional.of("webhook");
      case CHAT, PHONE, VIDEO, IN_PERSON, LETTER -> Optional.empty();
    };
  }

  @Override
  public void changed(StoredCase after, List<CaseEvent> events, String actor) {
    for (CaseEvent event : events) {
      if (event instanceof CaseEvent.InteractionAdded added && toCustomer(added.interaction())) {
        Interaction interaction = added.interaction();
        transportOf(interaction.channel())
            .ifPresent(
                transport ->
                    enqueue(
                        after.kase(),
                        Optional.of(repository.latestInteraction(after.kase().id())),
                        interaction.channel(),
                        transport,
                        interaction.body()));
      }
    }
  }

  private static boolean toCustomer(Interaction interaction) {
    return interaction.visibility() == Interaction.Visibility.PUBLIC
        && (interaction.kind() == Interaction.Kind.OUTBOUND_MESSAGE
            || interaction.kind() == Interaction.Kind.AUTOMATED_MESSAGE);
  }

  /**
   * Writes a message to the customer of the case into the outbox, in the caller's transaction, and
   * answers it: for adapters that decide the transport themselves (a chat whose customer left and
   * asked for the answer by email). A gateway's transport ({@code webhook}) is stored as waiting
   * for delivery.
   */
  public OutboundMessage enqueue(
      Case kase, Optional<Long> interactionId, Channel channel, String transport, String body) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    OutboundMessage.State state =
        transport.equals("webhook")
            ? OutboundMessage.State.WAITING_FOR_DELIVERY
            : OutboundMessage.State.QUEUED;
    // a customer without an address (a caller) has none to write to: the delivery fails and says so
    String recipient =
        (transport.equals("email")
                ? kase.customer().email()
                : kase.customer().phone().or(() -> kase.customer().email()))
            .orElse("");
    OutboundMessage message =
        new OutboundMessage(
            0,
            Optional.of(kase.id()),
            interactionId,
            channel,
            transport,
            recipient,
            kase.subject(),
            body,
            kase.customer().language(),
            "<" + UUID.randomUUID() + "@" + messageIdDomain + ">",
            state,
            0,
            Optional.empty(),
            now,
            Optional.empty());
    long id = repository.insert(message);
    if (state == OutboundMessage.State.QUEUED) {
      wakeUpAfterCommit();
    }
    return repository.find(id).orElseThrow();
  }

  private void wakeUpAfterCommit() {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              worker.wakeUp();
            }
          });
    } else {
      worker.wakeUp();
    }
  }

  /**
   * Writes a mail to a member of staff (a notification) into the outbox, in the caller's
   * transaction: it leaves through the mailboxes' SMTP like a reply, with the same retries.
   */
  public OutboundMessage enqueueStaffMail(String to, String subject, String text) {
    OutboundMessage message =
        new OutboundMessage(
            0,
            Optional.empty(),
            Optional.empty(),
            Channel.EMAIL,
            "email",
            to,
            subject,
            text,
            "en",
            "<" + UUID.randomUUID() + "@" + messageIdDomain + ">",
            OutboundMessage.State.QUEUED,
            0,
            Optional.empty(),
            clock.instant().truncatedTo(ChronoUnit.MILLIS),
            Optional.empty());
    long id = repository.insert(message);
    wakeUpAfterCommit();
    return repository.find(id).orElseThrow();
  }

  /** The case's outgoing messages, oldest first, with their delivery state. */
  public List<OutboundMessage> ofCase(String caseId) {
    return repository.ofCase(caseId);
  }

  /**
   * The case's outgoing messages by the position of the timeline entry each carries (0 for the
   * case's first entry), for showing each entry's delivery state.
   */
  public java.util.Map<Integer, OutboundMessage> byTimelinePosition(String caseId) {
    List<Long> entries = repository.interactionIds(caseId);
    java.util.Map<Integer, OutboundMessage> byPosition = new java.util.HashMap<>();
    for (OutboundMessage m : repository.ofCase(caseId)) {
      m.interactionId()
          .map(entries::indexOf)
          .filter(position -> position >= 0)
          .ifPresent(position -> byPosition.put(position, m));
    }
    return byPosition;
  }

  /** The message with this outbox id. */
  public Optional<OutboundMessage> byId(long id) {
    return repository.find(id);
  }

  /** The message sent with this id (a Message-ID), if the outbox sent one. */
  public Optional<OutboundMessage> byMessageId(String messageId) {
    return repository.byMessageId(messageId);
  }

  /**
   * Marks a message failed after it was sent, because its server reported later that it could not
   * be delivered (a bounce); answers whether there was such a message.
   */
  public boolean bounced(String messageId, String reason) {
    return repository.bounced(messageId, reason);
  }

  /**
   * Delivers every message due now, on this thread, and answers how many were tried; the worker
   * does this on its own every polling interval and after each commit that queued a message.
   */
  public int deliverDue() {
    return worker.deliverDue();
  }

  /** Messages waiting for a gateway, oldest first, of one channel or all. */
  public List<OutboundMessage> waiting(Optional<Channel> channel, int limit) {
    return repository.waiting(channel, limit);
  }

  /**
   * Records a gateway's report on a message waiting for it: sent, or failed with the reason; empty
   * when no such message waits.
   */
  public Optional<OutboundMessage> reportDelivery(long id, boolean sent, String reason) {
    boolean changed =
        sent ? repository.gatewaySent(id, clock.instant()) : repository.gatewayFailed(id, reason);
    return changed ? repository.find(id) : Optional.empty();
  }
}
