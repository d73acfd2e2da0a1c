package io.servicebook.server.notifications;

import io.servicebook.server.escalation.EscalationNotice;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Leaves what escalations ask for (everyone a new level names; a protocol's {@code notify}) in the
 * notifications, in the transaction that escalated.
 */
@Component
class EscalationNotices {

  private final Notifications notifications;

  EscalationNotices(Notifications notifications) {
    this.notifications = notifications;
  }

  @EventListener
  void on(EscalationNotice notice) {
    notifications.send(notice.who(), notice.caseId(), notice.kind(), notice.message());
  }
}
