package io.servicebook.server.followups;

import io.servicebook.cases.CaseEvent;
import io.servicebook.cases.CaseStatus;
import io.servicebook.followups.Resolution;
import io.servicebook.server.cases.CaseChanges;
import io.servicebook.server.cases.StoredCase;
import io.servicebook.server.timers.Timers;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What a resolution starts and a reopen stops: when a case becomes resolved, a new resolution
 * cycle, the protocol's follow-up and the auto-close timer; when it leaves resolved, the cycle
 * ends, its auto-close timer goes, and a reopen cancels the follow-up not yet due.
 */
@Component
class AfterResolution implements CaseChanges {

  private final ResolutionRepository resolutions;
  private final FollowUps followUps;
  private final AutoCloseAfter autoClose;
  private final Timers timers;

  AfterResolution(
      ResolutionRepository resolutions,
      FollowUps followUps,
      AutoCloseAfter autoClose,
      Timers timers) {
    this.resolutions = resolutions;
    this.followUps = followUps;
    this.autoClose = autoClose;
    this.timers = timers;
  }

  @Override
  public void changed(StoredCase after, List<CaseEvent> events, String actor) {
    for (CaseEvent event : events) {
      if (event instanceof CaseEvent.CaseStatusChanged moved) {
        if (moved.from() == CaseStatus.RESOLVED) {
          left(after, moved, actor);
        }
        if (moved.to() == CaseStatus.RESOLVED) {
          resolved(after, moved, actor);
        }
      }
    }
  }

  private void resolved(StoredCase after, CaseEvent.CaseStatusChanged moved, String actor) {
    String caseId = after.kase().id();
    Resolution resolution = resolutions.start(caseId, moved.at());
    followUps.afterResolution(after, resolution, actor);
    autoClose
        .closesAt(resolution)
        .ifPresent(
            at ->
                timers.schedule(
                    AutoCloseAfter.KIND,
                    AutoCloseAfter.timerId(caseId, resolution.cycle()),
                    at,
                    caseId));
  }

  private void left(StoredCase after, CaseEvent.CaseStatusChanged moved, String actor) {
    String caseId = after.kase().id();
    resolutions
        .end(caseId, moved.at())
        .ifPresent(
            r -> timers.cancel(AutoCloseAfter.KIND, AutoCloseAfter.timerId(caseId, r.cycle())));
    if (moved.isReopen()) {
      followUps.cancelAfterReopen(
          caseId, actor, "the case was reopened: " + moved.reason(), moved.at());
    }
  }
}
