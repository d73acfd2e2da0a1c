package io.servicebook.cases;

import io.servicebook.protocol.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a case's conversation: a message in or out, a call, or an internal note.
 *
 * @param author who wrote or made it: a customer id or an agent id
 * @param visibility whether the customer sees it; a note is always internal, a customer's message
 *     always public
 * @param call who called whom and for how long, for a logged call; a call logged without them
 *     (before calls had them) was the agent's
 */
public record Interaction(
    Kind kind,
    Channel channel,
    String author,
    String body,
    Visibility visibility,
    Instant at,
    Optional<Call> call) {

  /** Any interaction but a logged call, which has {@link Call} details. */
  public Interaction(
      Kind kind, Channel channel, String author, String body, Visibility visibility, Instant at) {
    this(kind, channel, author, body, visibility, at, Optional.empty());
  }

  /** Who rang whom on a call. */
  public enum Direction {
    /** The customer called the company: it counts as the customer's message. */
    INBOUND,
    /** An agent called the customer: it answers the customer as a reply does. */
    OUTBOUND
  }

  /** A call's direction and how long it took (zero when nobody answered). */
  public record Call(Direction direction, Duration duration) {
    public Call {
      Objects.requireNonNull(direction, "direction");
      Objects.requireNonNull(duration, "duration");
      if (duration.isNegative()) {
        throw new IllegalArgumentException("A call cannot last " + duration + ".");
      }
    }
  }

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
    Objects.requireNonNull(call, "call");
    if (call.isPresent() && kind != Kind.CALL) {
      throw new IllegalArgumentException("Only a call has a direction and duration, not " + kind);
    }
    if (kind == Kind.NOTE && visibility == Visibility.PUBLIC) {
      throw new IllegalArgumentException("A note is internal; write an outbound message instead.");
    }
    if (kind == Kind.INBOUND_MESSAGE && visibility == Visibility.INTERNAL) {
      throw new IllegalArgumentException("A customer's message is always public.");
    }
  }

  /**
   * Whether the customer wrote this or called: it reopens a case waiting on them or resolved, and
   * starts the next-response clock.
   */
  public boolean fromCustomer() {
    return kind == Kind.INBOUND_MESSAGE || (kind == Kind.CALL && inbound());
  }

  /** Whether an agent answered the customer with this: a public reply or the agent's own call. */
  public boolean answersCustomer() {
    return visibility == Visibility.PUBLIC
        && (kind == Kind.OUTBOUND_MESSAGE || (kind == Kind.CALL && !inbound()));
  }

  private boolean inbound() {
    return call.map(c -> c.direction() == Direction.INBOUND).orElse(false);
  }
}
