package io.servicebook.server.console;

import io.servicebook.cases.Interaction;
import io.servicebook.server.channels.OutboundMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How far a message to the customer got, shown under it on the timeline: queued (with the last
 * temporary failure, if any), sent, failed with the server's reason, or waiting for a gateway.
 */
public record DeliveryLine(String state, String reason, int attempts) {

  /** Whether the line tells of a problem (failed for good, or queued after a failed attempt). */
  public boolean trouble() {
    return state.equals("failed") || (state.equals("queued") && !reason.isEmpty());
  }

  /**
   * One entry per interaction of the conversation, in its order: the delivery of the outbox's
   * message that carries it, if one does. A message is paired with the first unpaired reply of the
   * same text written within a second of it (the outbox writes it in the same transaction).
   */
  static List<Optional<DeliveryLine>> of(
      List<Interaction> conversation, List<OutboundMessage> outbox) {
    List<OutboundMessage> unpaired = new ArrayList<>(outbox);
    List<Optional<DeliveryLine>> lines = new ArrayList<>();
    for (Interaction interaction : conversation) {
      Optional<OutboundMessage> carried =
          interaction.kind() == Interaction.Kind.OUTBOUND_MESSAGE
                  || interaction.kind() == Interaction.Kind.AUTOMATED_MESSAGE
              ? unpaired.stream()
                  .filter(m -> m.body().equals(interaction.body()))
                  .filter(
                      m ->
                          Duration.between(interaction.at(), m.createdAt()).abs().compareTo(SECOND)
                              <= 0)
                  .findFirst()
              : Optional.empty();
      carried.ifPresent(unpaired::remove);
      lines.add(
          carried.map(
              m -> new DeliveryLine(m.state().key(), m.lastError().orElse(""), m.attempts())));
    }
    return lines;
  }

  private static final Duration SECOND = Duration.ofSeconds(1);
}
