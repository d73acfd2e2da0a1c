package io.servicebook.server.notifications;

import io.servicebook.server.live.LiveEvents;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the recipient's open consoles that a notification arrived, on the live bus: heard in the
 * transaction that left it, so the bus sends it only once that commits (and never when it rolls
 * back). The event carries the id only; the bell reads the rest through its own fragment.
 */
@Component
class NotificationsLive {

  /** Live events on a notification topic start so, which tells them from a case's. */
  static final String PREFIX = "{\"notification\":";

  private final LiveEvents live;

  NotificationsLive(LiveEvents live) {
    this.live = live;
  }

  @EventListener
  void added(NotificationAdded added) {
    live.publish(topic(added.recipientType(), added.recipient()), PREFIX + added.id() + "}");
  }

  /**
   * The topics a user's consoles hear: their own and each of their roles'. A username may hold any
   * character, and a topic only a few, so the name rides hex-encoded.
   */
  static List<String> topics(String username, Collection<String> roles) {
    return Stream.concat(
            Stream.of(topic(NotificationRepository.USER, username)),
            roles.stream().sorted().map(r -> topic(NotificationRepository.ROLE, r)))
        .toList();
  }

  private static String topic(String recipientType, String recipient) {
    return "notification:"
        + recipientType
        + ":"
        + HexFormat.of().formatHex(recipient.getBytes(StandardCharsets.UTF_8));
  }
}
