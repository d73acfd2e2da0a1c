package io.servicebook.feedback;

import io.servicebook.protocol.SurveyKind;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Sends surveys and takes their answers at the time of its clock: a new survey gets a fresh token
 * and expires after the configured time.
 */
public final class Surveyor {

  private final Clock clock;
  private final SurveyTokens tokens;
  private final SurveyExpiry expiry;

  public Surveyor(Clock clock, SurveyTokens tokens, SurveyExpiry expiry) {
    this.clock = clock;
    this.tokens = tokens;
    this.expiry = expiry;
  }

  /** A new survey about the case, sent now. */
  public Survey send(String caseId, String customerId, SurveyKind kind) {
    return Survey.send(
        UUID.randomUUID().toString(), caseId, customerId, kind, tokens.next(), now(), expiry);
  }

  /** The customer's answer, taken now. */
  public Survey.Answering answer(Survey survey, int score, Optional<String> comment) {
    return survey.answer(score, comment, now());
  }

  /** The survey's status as the customer meets it now. */
  public SurveyStatus statusNow(Survey survey) {
    return survey.statusAt(now());
  }

  /** The survey after its customer opted out now. */
  public Survey optOut(Survey survey) {
    return survey.optOut(now());
  }

  /** Now, to the millisecond as databases keep it. */
  public Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
