package io.servicebook.cases;

import io.servicebook.protocol.Channel;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a case's conversation: a message in or out, a call, or an internal note.
 *
 * @param author who wrote or made it: a customer id or an agent id
 * @param visibility whether the customer sees it; a note is always internal, a customer's message
 *     always public
 */
public record Interaction(
    Kind kind, Channel channel, String author, String body, Visibility visibility, Instant at) {

  /** What kind of contact this was. */
  public enum Kind {
    INBOUND_MESSAGE,
    OUTBOUND_MESSAGE,
    /**
     * A message the system sent to the customer on the case's behalf (a survey invitation, say):
     * the customer sees it, but it is nobody's reply, so it answers no SLA clock.
     */
    AUTOMATED_MESSAGE,
    CALL,
    NOTE
  }

  /** Who can see the interaction. */
  public enum Visibility {
    PUBLIC,
    INTERNAL
  }

  public Interaction {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(channel, "channel");
    Customer.requireText(author, "author");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(visibility, "visibility");
    Objects.requireNonNull(at, "at");
    if (kind == Kind.NOTE && visibility == Visibility.PUBLIC) {
      throw new IllegalArgumentException("A note is internal; write an outbound message instead.");
    }
    if (kind == Kind.INBOUND_MESSAGE && visibility == Visibility.INTERNAL) {
      throw new IllegalArgumentException("A customer's message is always public.");
    }
  }

  /** Whether the customer wrote this: it reopens a case waiting on them or resolved. */
  public boolean fromCustomer() {
    return kind == Kind.INBOUND_MESSAGE;
  }
}
