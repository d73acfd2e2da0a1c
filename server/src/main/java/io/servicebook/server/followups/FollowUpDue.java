package io.servicebook.server.followups;

import io.servicebook.followups.FollowUpStatus;
import io.servicebook.server.timers.TimerHandler;
import io.servicebook.server.timers.Timers;
import java.time.Clock;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * When a follow-up's timer comes due: the follow-up, if it still waits, moves to {@code due} and so
 * into its assignee's or team's queue. One done, skipped or cancelled meanwhile stays as it is.
 */
@Component
class FollowUpDue implements TimerHandler {

  static final String KIND = "follow-up-due";

  private final FollowUpRepository repository;
  private final FollowUpMoves moves;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  FollowUpDue(
      FollowUpRepository repository,
      FollowUpMoves moves,
      ApplicationEventPublisher events,
      Clock clock) {
    this.repository = repository;
    this.moves = moves;
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
        .ifPresent(
            f -> {
              moves.move(
                  f,
                  FollowUpStatus.DUE,
                  Optional.empty(),
                  Optional.empty(),
                  FollowUpMoves.SYSTEM,
                  clock.instant());
              events.publishEvent(new FollowUpCameDue(f.id(), f.caseId(), f.assignee(), f.team()));
            });
  }
}
