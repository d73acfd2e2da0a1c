package io.servicebook.server.notifications;

import io.servicebook.cases.CaseEvent;
import io.servicebook.cases.Interaction;
import io.servicebook.server.cases.CaseChanges;
import io.servicebook.server.cases.StoredCase;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Tells each colleague an internal note mentions ({@code @username}) about it, in the transaction
 * that stores the note: the bell, and mail as they prefer for {@link NotificationKind#MENTIONED}.
 * The note's author is not told of their own mention. Only notes mention: a reply to the customer
 * is for the customer.
 */
@Component
class MentionNotices implements CaseChanges {

  /** A notification quotes this much of the note. */
  static final int QUOTE = 140;

  private final Notifications notifications;

  MentionNotices(Notifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public void changed(StoredCase after, List<CaseEvent> events, String actor) {
    for (CaseEvent event : events) {
      if (event instanceof CaseEvent.InteractionAdded added
          && added.interaction().kind() == Interaction.Kind.NOTE) {
        Interaction note = added.interaction();
        String quoted =
            note.body().length() > QUOTE ? note.body().substring(0, QUOTE) + "…" : note.body();
        notifications.tellEach(
            Mentions.in(note.body()),
            note.author(),
            NotificationKind.MENTIONED,
            after.kase().id(),
            Links.toCase(after.kase().id()),
            note.author()
                + " mentioned you in a note on case “"
                + after.kase().subject()
                + "”: "
                + quoted);
      }
    }
  }
}
