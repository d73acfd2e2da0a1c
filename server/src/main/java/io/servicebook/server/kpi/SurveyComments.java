package io.servicebook.server.kpi;

import io.servicebook.protocol.SurveyKind;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What customers wrote in the surveys about a protocol's cases, for the owner's review queue; the
 * survey feature (package {@code feedback}) implements it.
 */
public interface SurveyComments {

  /**
   * The commented answers about each of these protocols given from {@code from} (inclusive) to
   * {@code to} (exclusive), lowest on their kind's scale first, at most {@code limit} per protocol,
   * by slug (a protocol without any is left out); one query for all of them.
   */
  Map<String, List<Comment>> lowestScored(
      Collection<String> slugs, Instant from, Instant to, int limit);

  /** One answer with its comment, and the case it is about. */
  record Comment(String caseId, SurveyKind kind, int score, String text, Instant answeredAt) {}
}
