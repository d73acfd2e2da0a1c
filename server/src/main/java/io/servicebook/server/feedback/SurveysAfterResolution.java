package io.servicebook.server.feedback;

import io.servicebook.cases.CaseEvent;
import io.servicebook.cases.CaseStatus;
import io.servicebook.server.cases.CaseChanges;
import io.servicebook.server.cases.StoredCase;
import java.util.List;
import org.springframework.stereotype.Component;

/** When a case becomes resolved, the survey its protocol's {@code feedback} asks for goes out. */
@Component
class SurveysAfterResolution implements CaseChanges {

  private final Surveys surveys;

  SurveysAfterResolution(Surveys surveys) {
    this.surveys = surveys;
  }

  @Override
  public void changed(StoredCase after, List<CaseEvent> events, String actor) {
    boolean resolved =
        events.stream()
            .anyMatch(
                e -> e instanceof CaseEvent.CaseStatusChanged s && s.to() == CaseStatus.RESOLVED);
    if (resolved) {
      surveys.afterResolution(after);
    }
  }
}
