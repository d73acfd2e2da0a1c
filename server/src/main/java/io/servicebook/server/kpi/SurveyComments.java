package io.servicebook.server.kpi;

import io.servicebook.protocol.SurveyKind;
import java.time.Instant;
import java.util.List;

/**
 * What customers wrote in the surveys about a protocol's cases, for the owner's review queue; the
 * survey feature (package {@code feedback}) implements it.
 */
public interface SurveyComments {

  /**
   * The commented answers about protocol {@code slug} given from {@code from} (inclusive) to {@code
   * to} (exclusive), lowest on their kind's scale first, at most {@code limit}.
   */
  List<Comment> lowestScored(String slug, Instant from, Instant to, int limit);

  /** One answer with its comment, and the case it is about. */
  record Comment(String caseId, SurveyKind kind, int score, String text, Instant answeredAt) {}
}
