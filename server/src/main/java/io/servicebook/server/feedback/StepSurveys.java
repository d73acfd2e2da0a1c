package io.servicebook.server.feedback;

import io.servicebook.runs.RunEvent;
import io.servicebook.server.runs.RunActions;
import org.springframework.stereotype.Component;

/** Sends the survey a submitted step asks for ({@code action: {survey: csat}}). */
@Component
class StepSurveys implements RunActions {

  private final Surveys surveys;

  StepSurveys(Surveys surveys) {
    this.surveys = surveys;
  }

  @Override
  public void requested(RunEvent.ActionRequested action, RunInfo run, String actor) {
    if (action instanceof RunEvent.SurveyRequested asked) {
      surveys.byStep(asked, run, actor);
    }
  }
}
