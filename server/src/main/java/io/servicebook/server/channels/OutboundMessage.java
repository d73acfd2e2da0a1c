package io.servicebook.server.channels;

import io.servicebook.protocol.Channel;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A message to a customer in the outbox: what to send, to whom, and how far its delivery got.
 *
 * @param caseId the case it belongs to; empty for mail to staff (a notification)
 * @param interactionId the timeline entry it carries (a reply, a survey invitation), when it
 *     carries one
 * @param transport how it leaves: {@code email}, or {@code webhook} for a gateway (SMS, social)
 * @param messageId the id it is sent with (a mail's Message-ID), unique, so answers thread back
 * @param attempts how many deliveries were tried so far
 */
public record OutboundMessage(
    long id,
    Optional<String> caseId,
    Optional<Long> interactionId,
    Channel channel,
    String transport,
    String recipient,
    String subject,
    String body,
    String language,
    String messageId,
    State state,
    int attempts,
    Optional<String> lastError,
    Instant createdAt,
    Optional<Instant> sentAt) {

  /** How far the delivery got. */
  public enum State {
    /** Waiting for the worker (first try, or a retry after a temporary failure). */
    QUEUED,
    /** Handed to the channel's server (the SMTP server accepted it). */
    SENT,
    /** Refused for good (the server's reason in lastError), or bounced later. */
    FAILED,
    /** Stored for a gateway that collects it (SMS, social): nobody here sends it. */
    WAITING_FOR_DELIVERY;

    /** The name shown and stored, such as {@code waiting_for_delivery}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    static State of(String key) {
      return valueOf(key.toUpperCase(Locale.ROOT));
    }
  }
}
