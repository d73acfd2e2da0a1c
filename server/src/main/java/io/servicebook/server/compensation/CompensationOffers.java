package io.servicebook.server.compensation;

import io.servicebook.compensation.CompensationOffer;
import io.servicebook.runs.RunEvent;
import io.servicebook.server.compensation.CompensationRepository.StepOffer;
import io.servicebook.server.runs.RunActions;
import org.springframework.stereotype.Component;

/**
 * Hears a step's {@code compensate} action and records that compensation was offered on its terms
 * (audited as {@code compensation.offered}); the amount comes later from the agent's request, which
 * takes the terms of the case's latest offer.
 */
@Component
class CompensationOffers implements RunActions {

  private final Compensations compensations;

  CompensationOffers(Compensations compensations) {
    this.compensations = compensations;
  }

  @Override
  public void requested(RunEvent.ActionRequested action, RunInfo run, String actor) {
    if (action instanceof RunEvent.CompensationRequested offered) {
      compensations.offered(
          offered.caseId(),
          new StepOffer(
              offered.runId(),
              offered.stepId(),
              new CompensationOffer(offered.max(), offered.currency(), offered.approvalAbove())),
          actor);
    }
  }
}
