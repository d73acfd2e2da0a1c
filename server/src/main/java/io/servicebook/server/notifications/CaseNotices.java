package io.servicebook.server.notifications;

import io.servicebook.cases.Case;
import io.servicebook.cases.CaseEvent;
import io.servicebook.cases.Interaction;
import io.servicebook.server.cases.CaseChanges;
import io.servicebook.server.cases.StoredCase;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Tells agents, in the transaction that changed the case, that a case was given to them (once per
 * hand-over, not when only its team changes, and not when they took it themselves) and that the
 * customer answered a case of theirs.
 */
@Component
class CaseNotices implements CaseChanges {

  private final Notifications notifications;
  private final NotificationRepository repository;

  CaseNotices(Notifications notifications, NotificationRepository repository) {
    this.notifications = notifications;
    this.repository = repository;
  }

  @Override
  public void changed(StoredCase after, List<CaseEvent> events, String actor) {
    Case kase = after.kase();
    for (CaseEvent event : events) {
      switch (event) {
        case CaseEvent.CaseAssigned assigned -> assigned(kase, assigned.assignee(), actor);
        case CaseEvent.InteractionAdded added -> answered(kase, added.interaction());
        default -> {}
      }
    }
  }

  private void assigned(Case kase, Optional<String> assignee, String actor) {
    if (repository.lastAssignee(kase.id()).equals(assignee)) {
      return;
    }
    repository.rememberAssignee(kase.id(), assignee);
    assignee
        .filter(a -> !a.equals(actor))
        .ifPresent(
            a ->
                notifications.tell(
                    a,
                    NotificationKind.ASSIGNED,
                    kase.id(),
                    Links.toCase(kase.id()),
                    actor + " gave you case “" + kase.subject() + "”."));
  }

  private void answered(Case kase, Interaction interaction) {
    if (interaction.kind() != Interaction.Kind.INBOUND_MESSAGE) {
      return;
    }
    kase.assignee()
        .ifPresent(
            a ->
                notifications.tell(
                    a,
                    NotificationKind.CUSTOMER_ANSWERED,
                    kase.id(),
                    Links.toCase(kase.id()),
                    interaction.author() + " answered on case “" + kase.subject() + "”."));
  }
}
