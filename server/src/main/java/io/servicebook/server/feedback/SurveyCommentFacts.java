package io.servicebook.server.feedback;

import io.servicebook.server.kpi.SurveyComments;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The survey comments about a protocol, lowest-scored first, for its owner's review queue. */
@Component
class SurveyCommentFacts implements SurveyComments {

  private final SurveyRepository surveys;

  SurveyCommentFacts(SurveyRepository surveys) {
    this.surveys = surveys;
  }

  @Override
  public Map<String, List<Comment>> lowestScored(
      Collection<String> slugs, Instant from, Instant to, int limit) {
    return slugs.isEmpty() ? Map.of() : surveys.lowestScoredComments(slugs, from, to, limit);
  }
}
