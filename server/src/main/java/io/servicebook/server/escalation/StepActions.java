package io.servicebook.server.escalation;

import io.servicebook.runs.RunEvent;
import io.servicebook.server.runs.RunActions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Carries out what a submitted step asks of its case: escalate, reassign, raise the priority,
 * notify. The other actions are other features' to carry out.
 */
@Component
class StepActions implements RunActions {

  private final Escalations escalations;

  StepActions(Escalations escalations) {
    this.escalations = escalations;
  }

  @Override
  public void requested(RunEvent.ActionRequested action, RunInfo run, String actor) {
    String reason =
        "step `"
            + action.stepId()
            + "` of "
            + run.protocolSlug()
            + " version "
            + run.protocolVersion()
            + " asks for it";
    switch (action) {
      case RunEvent.EscalationRequested e ->
          escalations.escalate(
              e.caseId(), e.to(), Escalations.Source.STEP, reason, actor, details(e, run));
      case RunEvent.ReassignRequested r -> escalations.reassign(r.caseId(), r.to(), actor, reason);
      case RunEvent.PriorityRaised p ->
          escalations.raisePriority(p.caseId(), p.to(), actor, reason);
      case RunEvent.NotificationRequested n ->
          escalations.notify(n.caseId(), n.who(), actor, reason, details(n, run));
      case RunEvent.CompensationRequested c -> {}
      case RunEvent.FollowUpScheduled f -> {}
      case RunEvent.SurveyRequested s -> {}
      case RunEvent.CaseResolved c -> {}
      case RunEvent.HandoffRequested h -> {}
    }
  }

  private static Map<String, Object> details(RunEvent.ActionRequested action, RunInfo run) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("run_id", run.id());
    details.put("step_id", action.stepId());
    details.put("protocol", Map.of("slug", run.protocolSlug(), "version", run.protocolVersion()));
    return details;
  }
}
