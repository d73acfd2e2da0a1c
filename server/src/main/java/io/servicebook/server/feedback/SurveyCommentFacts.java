package io.servicebook.server.feedback;

import io.servicebook.server.kpi.SurveyComments;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** The survey comments about a protocol, lowest-scored first, for its owner's review queue. */
@Component
class SurveyCommentFacts implements SurveyComments {

  private final SurveyRepository surveys;

  SurveyCommentFacts(SurveyRepository surveys) {
    this.surveys = surveys;
  }

  @Override
  public List<Comment> lowestScored(String slug, Instant from, Instant to, int limit) {
    return surveys.lowestScoredComments(slug, from, to, limit);
  }
}
