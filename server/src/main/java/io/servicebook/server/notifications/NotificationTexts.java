package io.servicebook.server.notifications;

import java.util.Map;

/** The English titles of notification kinds, for mail subjects (the console has its own texts). */
final class NotificationTexts {

  private static final Map<String, String> TITLES =
      Map.of(
          NotificationKind.ASSIGNED.key(), "A case was assigned to you",
          NotificationKind.CUSTOMER_ANSWERED.key(), "A customer answered your case",
          NotificationKind.SLA_WARNING.key(), "SLA warning on your case",
          NotificationKind.TEAM_BREACH.key(), "SLA breach on your team's case",
          NotificationKind.ESCALATED.key(), "A case was escalated to you",
          NotificationKind.APPROVAL_WAITING.key(), "A compensation waits for approval",
          NotificationKind.DRAFT_WAITING.key(), "A protocol draft waits for review",
          NotificationKind.REVIEW_DUE.key(), "A protocol you own is due for review",
          NotificationKind.FOLLOW_UP_DUE.key(), "A follow-up is due",
          NotificationKind.MENTIONED.key(), "A colleague mentioned you in a note");

  private NotificationTexts() {}

  static String title(String kind) {
    return TITLES.getOrDefault(kind, "Notification");
  }
}
