package io.servicebook.server.notifications;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of notification a user can choose a delivery for; the key is what the API's {@code
 * kind} and the preferences say. Other kinds (an account locked, a broken audit trail, a protocol's
 * {@code notify}) are shown in the console only.
 */
public enum NotificationKind {
  ASSIGNED("case_assigned"),
  CUSTOMER_ANSWERED("customer_answered"),
  SLA_WARNING("sla_warning"),
  TEAM_BREACH("team_breach"),
  ESCALATED("case_escalated"),
  APPROVAL_WAITING("approval_waiting"),
  DRAFT_WAITING("draft_waiting"),
  REVIEW_DUE("review_due"),
  FOLLOW_UP_DUE("follow_up_due"),
  /** A colleague mentioned the user ({@code @username}) in an internal note on a case. */
  MENTIONED("mentioned");

  private final String key;

  NotificationKind(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  public static Optional<NotificationKind> of(String key) {
    return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
  }
}
