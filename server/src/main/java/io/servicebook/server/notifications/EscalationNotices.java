package io.servicebook.server.notifications;

import io.servicebook.server.escalation.EscalationNotice;
import io.servicebook.server.teams.Teams;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Leaves what escalations ask for (everyone a new level names; a protocol's {@code notify}) in the
 * notifications, in the transaction that escalated. A team named there means its leads; a level of
 * the ladder, whoever that level notifies.
 */
@Component
class EscalationNotices {

  private final Notifications notifications;
  private final Teams teams;

  EscalationNotices(Notifications notifications, Teams teams) {
    this.notifications = notifications;
    this.teams = teams;
  }

  @EventListener
  void on(EscalationNotice notice) {
    teams
        .recipients(notice.who())
        .forEach(who -> notifications.send(who, notice.caseId(), notice.kind(), notice.message()));
  }
}
