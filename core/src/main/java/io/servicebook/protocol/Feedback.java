package io.servicebook.protocol;

import io.servicebook.diagnostics.Position;

/** Which survey the protocol sends, and when. */
public record Feedback(SurveyKind survey, Send send, Position position) {

  /** When the survey goes out. */
  public enum Send {
    ON_RESOLVE,
    MANUAL
  }
}
