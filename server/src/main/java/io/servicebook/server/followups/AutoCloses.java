package io.servicebook.server.followups;

import io.servicebook.cases.CaseStatus;
import io.servicebook.followups.AutoClose;
import io.servicebook.server.cases.Cases;
import io.servicebook.server.cases.StoredCase;
import io.servicebook.server.timers.TimerHandler;
import io.servicebook.server.timers.Timers;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * When a resolved case's auto-close timer comes due: closes the case as {@code system} if it is
 * still resolved in the same cycle and the customer has not written since; otherwise leaves it.
 */
@Component
class AutoCloses implements TimerHandler {

  private static final Logger log = LoggerFactory.getLogger(AutoCloses.class);

  private final Cases cases;
  private final ResolutionRepository resolutions;
  private final AutoCloseAfter setting;
  private final Clock clock;

  AutoCloses(Cases cases, ResolutionRepository resolutions, AutoCloseAfter setting, Clock clock) {
    this.cases = cases;
    this.resolutions = resolutions;
    this.setting = setting;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return AutoCloseAfter.KIND;
  }

  @Override
  public void fire(Timers.Due due) {
    int colon = due.id().lastIndexOf(':');
    if (colon < 0 || setting.duration().isEmpty()) {
      return;
    }
    String caseId = due.id().substring(0, colon);
    int cycle;
    try {
      cycle = Integer.parseInt(due.id().substring(colon + 1));
    } catch (NumberFormatException e) {
      log.warn("Auto-close timer {} names no resolution cycle; ignored", due.id());
      return;
    }
    Optional<StoredCase> stored = cases.find(caseId);
    if (stored.isEmpty()) {
      return;
    }
    AutoClose.Decision decision =
        AutoClose.decide(
            stored.get().kase(), resolutions.current(caseId), cycle, setting.duration().get());
    switch (decision) {
      case AutoClose.Decision.Close close ->
          cases.changeBySystem(
              caseId,
              FollowUpMoves.SYSTEM,
              c ->
                  c.changeStatus(
                      CaseStatus.CLOSED, clock.instant(), FollowUpMoves.SYSTEM, close.reason()));
      case AutoClose.Decision.Leave leave ->
          log.debug("Case {} stays as it is: {}", caseId, leave.why());
    }
  }
}
