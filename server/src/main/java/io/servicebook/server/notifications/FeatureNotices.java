package io.servicebook.server.notifications;

import io.servicebook.server.cases.Cases;
import io.servicebook.server.compensation.ApprovalRequested;
import io.servicebook.server.followups.FollowUpCameDue;
import io.servicebook.server.protocols.DraftSaved;
import io.servicebook.server.security.Role;
import io.servicebook.server.security.UserAccounts;
import io.servicebook.server.sla.SlaAlarm;
import io.servicebook.server.teams.Teams;
import java.util.List;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the right people what other features report, in the transaction that reported it: SLA
 * warnings to the case's assignee, breaches to its team's leads (the teams page, or the configured
 * ones) (whoever else should hear of a breach, the protocol's {@code on_breach} and the escalation
 * ladder name), compensations waiting for approval to the supervisors, drafts waiting for review to
 * the reviewers, and due follow-ups to whoever has them. Nobody is told what they did.
 */
@Component
class FeatureNotices {

  private static final String SYSTEM = "system";

  private final Notifications notifications;
  private final UserAccounts accounts;
  private final Teams teams;
  private final Cases cases;

  FeatureNotices(Notifications notifications, UserAccounts accounts, Teams teams, Cases cases) {
    this.notifications = notifications;
    this.accounts = accounts;
    this.teams = teams;
    this.cases = cases;
  }

  @EventListener
  void on(SlaAlarm alarm) {
    String link = Links.toCase(alarm.caseId());
    String target = alarm.target().replace('_', ' ');
    if (!alarm.breached()) {
      alarm
          .assignee()
          .ifPresent(
              a ->
                  notifications.tell(
                      a,
                      NotificationKind.SLA_WARNING,
                      alarm.caseId(),
                      link,
                      "The " + target + " SLA of case “" + alarm.subject() + "” is nearly due."));
      return;
    }
    notifications.tellEach(
        alarm.team().map(teams::leads).orElse(List.of()),
        SYSTEM,
        NotificationKind.TEAM_BREACH,
        alarm.caseId(),
        link,
        "The "
            + target
            + " SLA of case “"
            + alarm.subject()
            + "”"
            + alarm.team().map(t -> " (team " + t + ")").orElse("")
            + " was breached.");
  }

  @EventListener
  void on(ApprovalRequested asked) {
    notifications.tellEach(
        accounts.withRole(Role.SUPERVISOR),
        asked.requestedBy(),
        NotificationKind.APPROVAL_WAITING,
        asked.caseId(),
        Links.APPROVALS,
        asked.requestedBy()
            + " asks you to approve "
            + asked.amount()
            + " of compensation: "
            + asked.reason());
  }

  @EventListener
  void on(DraftSaved saved) {
    notifications.tellEach(
        accounts.withRole(Role.REVIEWER),
        saved.author(),
        NotificationKind.DRAFT_WAITING,
        null,
        Links.toDraft(saved.draftId()),
        saved.author() + " saved a draft of “" + saved.title() + "” that waits for review.");
  }

  @EventListener
  void on(FollowUpCameDue due) {
    Optional<String> who =
        due.assignee().or(() -> cases.find(due.caseId()).flatMap(c -> c.kase().assignee()));
    String subject = cases.find(due.caseId()).map(c -> c.kase().subject()).orElse(due.caseId());
    who.ifPresent(
        a ->
            notifications.tell(
                a,
                NotificationKind.FOLLOW_UP_DUE,
                due.caseId(),
                Links.toCase(due.caseId()),
                "A follow-up on case “" + subject + "” is due."));
  }
}
