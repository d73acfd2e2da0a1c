package io.servicebook.feedback;

import io.servicebook.followups.DueTime;
import io.servicebook.protocol.IsoDuration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long a survey's link stays open after it is sent: an ISO-8601 duration, {@link #DEFAULT}
 * unless configured.
 */
public record SurveyExpiry(IsoDuration after) {

  /**
   * Thirty days: long enough for a customer back from holiday, short enough to be about the case.
   */
  public static final String DEFAULT = "P30D";

  public SurveyExpiry {
    Objects.requireNonNull(after, "after");
  }

  /**
   * @throws IllegalArgumentException naming the setting when the text is not an ISO-8601 duration
   */
  public static SurveyExpiry parse(String setting, String name) {
    return new SurveyExpiry(
        IsoDuration.parse(setting)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        name
                            + " is “"
                            + setting
                            + "”; write an ISO-8601 duration such as "
                            + DEFAULT
                            + " or PT12H.")));
  }

  public static SurveyExpiry byDefault() {
    return parse(DEFAULT, "the default survey expiry");
  }

  /** When a survey sent at {@code sentAt} expires. */
  public Instant expiresAt(Instant sentAt) {
    return DueTime.after(sentAt, after);
  }
}
