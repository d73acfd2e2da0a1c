package io.servicebook.server.followups;

import io.servicebook.cases.CaseStatus;
import io.servicebook.cases.Interaction;
import io.servicebook.followups.FollowUpStatus;
import io.servicebook.protocol.Channel;
import io.servicebook.server.cases.Cases;
import io.servicebook.server.cases.StoredCase;
import io.servicebook.server.channels.Outbox;
import io.servicebook.server.timers.TimerHandler;
import io.servicebook.server.timers.Timers;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * When a follow-up's timer comes due: a follow-up by email with a script (the protocol's {@code
 * follow_up.script}) goes out to the customer by itself, through the outbox, and is done; any other
 * that still waits moves to {@code due} and so into its assignee's or team's queue (and {@link
 * FollowUpCameDue} tells whoever listens). One done, skipped or cancelled meanwhile stays as it is.
 */
@Component
class FollowUpDue implements TimerHandler {

  static final String KIND = "follow-up-due";

  private final FollowUpRepository repository;
  private final FollowUpMoves moves;
  private final ObjectProvider<FollowUps> followUps;
  private final Cases cases;
  private final Outbox outbox;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  FollowUpDue(
      FollowUpRepository repository,
      FollowUpMoves moves,
      ObjectProvider<FollowUps> followUps,
      Cases cases,
      Outbox outbox,
      ApplicationEventPublisher events,
      Clock clock) {
    this.repository = repository;
    this.moves = moves;
    this.followUps = followUps;
    this.cases = cases;
    this.outbox = outbox;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public void fire(Timers.Due due) {
    repository
        .find(due.id())
        .filter(f -> f.status() == FollowUpStatus.SCHEDULED)
        .ifPresent(this::comeDue);
  }

  private void comeDue(StoredFollowUp f) {
    Instant now = clock.instant();
    Optional<String> script =
        f.channel().filter(c -> c == Channel.EMAIL).flatMap(c -> followUps.getObject().script(f));
    // a customer without an address (a caller) is followed up by a person, from the queue
    Optional<StoredCase> kase =
        cases.find(f.caseId()).filter(c -> c.kase().customer().email().isPresent());
    if (script.isPresent() && kase.isPresent()) {
      send(kase.get(), script.get(), now);
      moves.move(
          f,
          FollowUpStatus.DONE,
          Optional.of("sent by email"),
          Optional.empty(),
          FollowUpMoves.SYSTEM,
          now);
    } else {
      moves.move(
          f, FollowUpStatus.DUE, Optional.empty(), Optional.empty(), FollowUpMoves.SYSTEM, now);
      events.publishEvent(new FollowUpCameDue(f.id(), f.caseId(), f.assignee(), f.team()));
    }
  }

  /**
   * On the case's timeline (the outbox takes it from there); a closed case takes no more entries,
   * so there the message goes to the outbox alone and shows among the case's sent messages.
   */
  private void send(StoredCase stored, String script, Instant now) {
    if (stored.kase().status() == CaseStatus.CLOSED) {
      outbox.enqueue(stored.kase(), Optional.empty(), Channel.EMAIL, "email", script);
      return;
    }
    cases.changeBySystem(
        stored.kase().id(),
        FollowUpMoves.SYSTEM,
        c ->
            c.addInteraction(
                new Interaction(
                    Interaction.Kind.AUTOMATED_MESSAGE,
                    Channel.EMAIL,
                    FollowUpMoves.SYSTEM,
                    script,
                    Interaction.Visibility.PUBLIC,
                    now)));
  }
}
