package io.servicebook.server.followups;

import io.servicebook.runs.RunEvent;
import io.servicebook.server.runs.RunActions;
import org.springframework.stereotype.Component;

/** Schedules the follow-up a step's {@code follow_up} action asks for. */
@Component
class StepFollowUps implements RunActions {

  private final FollowUps followUps;

  StepFollowUps(FollowUps followUps) {
    this.followUps = followUps;
  }

  @Override
  public void requested(RunEvent.ActionRequested action, RunInfo run, String actor) {
    if (action instanceof RunEvent.FollowUpScheduled asked) {
      followUps.byStep(asked, run, actor);
    }
  }
}
