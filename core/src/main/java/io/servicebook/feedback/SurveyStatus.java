package io.servicebook.feedback;

import java.util.Locale;

/**
 * Where a survey stands; the moves between them are in {@link SurveyTransitions}.
 *
 * <p>A survey is {@code SENT} until the customer answers it, its link expires, or the customer opts
 * out of surveys from its page.
 */
public enum SurveyStatus {
  SENT,
  ANSWERED,
  EXPIRED,
  OPTED_OUT;

  /** The name the API and the database use, such as {@code opted_out}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether nothing more happens to a survey in this status. */
  public boolean isFinished() {
    return SurveyTransitions.allowedFrom(this).isEmpty();
  }
}
