package io.servicebook.server.chat;

import io.servicebook.cases.CaseEvent;
import io.servicebook.cases.Interaction;
import io.servicebook.protocol.Channel;
import io.servicebook.server.cases.CaseChanges;
import io.servicebook.server.cases.StoredCase;
import io.servicebook.server.channels.Outbox;
import io.servicebook.server.live.LiveEvents;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What a change of a case means live: every change is announced on {@code case:ID} (the console's
 * case page and the customer's chat read what is new); an agent's answer in a chat marks it
 * answered and, when the customer asked for the answers by email (nobody could answer when they
 * wrote), puts it in the outbox as an email in the same transaction.
 */
@Component
class ChatCaseChanges implements CaseChanges {

  private final LiveEvents live;
  private final ChatRepository repository;
  private final Outbox outbox;

  ChatCaseChanges(LiveEvents live, ChatRepository repository, Outbox outbox) {
    this.live = live;
    this.repository = repository;
    this.outbox = outbox;
  }

  /** Where the inboxes hear that a chat started. */
  static final String WAITING = "chats";

  static String topic(String caseId) {
    return "case:" + caseId;
  }

  @Override
  public void changed(StoredCase after, List<CaseEvent> events, String actor) {
    String caseId = after.kase().id();
    live.publish(
        topic(caseId), "{\"case\":\"" + caseId + "\",\"version\":" + after.version() + "}");
    if (after.kase().channel() != Channel.CHAT) {
      return;
    }
    for (CaseEvent event : events) {
      if (event instanceof CaseEvent.CaseOpened) {
        live.publish(WAITING, "{\"case\":\"" + caseId + "\"}");
      }
      if (event instanceof CaseEvent.InteractionAdded added
          && added.interaction().kind() == Interaction.Kind.OUTBOUND_MESSAGE
          && added.interaction().visibility() == Interaction.Visibility.PUBLIC) {
        if (repository.answered(caseId, added.interaction().at())) {
          live.publish(WAITING, "{\"case\":\"" + caseId + "\"}");
        }
        if (repository.answersByEmail(caseId).orElse(false)) {
          outbox.enqueue(
              after.kase(), Optional.empty(), Channel.CHAT, "email", added.interaction().body());
        }
      }
    }
  }
}
