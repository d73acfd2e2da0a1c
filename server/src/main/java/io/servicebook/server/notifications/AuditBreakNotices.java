package io.servicebook.server.notifications;

import io.servicebook.server.audit.AuditTrailBroken;
import io.servicebook.server.security.Role;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Tells the admins, in their notifications, when a check finds the audit trail broken. */
@Component
class AuditBreakNotices {

  static final String KIND = "audit.broken";

  private final Notifications notifications;

  AuditBreakNotices(Notifications notifications) {
    this.notifications = notifications;
  }

  @EventListener
  @Transactional
  void on(AuditTrailBroken broken) {
    notifications.send(
        Role.ADMIN.key(),
        null,
        KIND,
        "The audit trail is broken ("
            + broken.problems()
            + " problem(s), found "
            + broken.at()
            + "). The first: "
            + broken.problem().sentence()
            + ". Run `servicebook audit verify` and see the audit section of the security guide.");
  }
}
