package io.servicebook.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicebook.protocol.IsoDuration;
import io.servicebook.protocol.SurveyKind;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SurveyTests {

  private static final Instant SENT_AT = Instant.parse("2026-01-31T10:00:00Z");

  /** A clock the test moves by hand. */
  private static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void move(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final MovableClock clock = new MovableClock(SENT_AT);
  private final Surveyor surveyor =
      new Surveyor(clock, new SurveyTokens(new SecureRandom()), SurveyExpiry.byDefault());

  @Test
  void aSurveyIsSentNowWithAFreshTokenAndExpiresThirtyDaysLater() {
    Survey survey = surveyor.send("case-1", "customer-1", SurveyKind.CSAT);

    assertThat(survey.status()).isEqualTo(SurveyStatus.SENT);
    assertThat(survey.sentAt()).isEqualTo(SENT_AT);
    assertThat(survey.expiresAt()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
    assertThat(SurveyTokens.isWellFormed(survey.token())).isTrue();
    assertThat(surveyor.send("case-1", "customer-1", SurveyKind.CSAT).token())
        .isNotEqualTo(survey.token());
  }

  @Test
  void aSurveyIsOpenUntilTheMomentItExpiresAndExpiredFromThen() {
    Survey survey = surveyor.send("case-1", "customer-1", SurveyKind.NPS);

    clock.move(Duration.ofDays(30).minusMillis(1));
    assertThat(surveyor.statusNow(survey)).isEqualTo(SurveyStatus.SENT);
    clock.move(Duration.ofMillis(1));
    assertThat(surveyor.statusNow(survey)).isEqualTo(SurveyStatus.EXPIRED);
    assertThat(surveyor.answer(survey, 9, Optional.empty()))
        .isEqualTo(new Survey.Answering.Closed(SurveyStatus.EXPIRED));
  }

  @Test
  void theExpiryIsConfigurable() {
    SurveyExpiry twoHours = SurveyExpiry.parse("PT2H", "servicebook.surveys.expire-after");
    assertThat(twoHours.expiresAt(SENT_AT)).isEqualTo(SENT_AT.plus(Duration.ofHours(2)));
    assertThat(twoHours.after()).isEqualTo(IsoDuration.parse("PT2H").orElseThrow());
    assertThatThrownBy(() -> SurveyExpiry.parse("30 days", "servicebook.surveys.expire-after"))
        .hasMessage(
            "servicebook.surveys.expire-after is “30 days”; write an ISO-8601 duration such as"
                + " P30D or PT12H.");
  }

  @Test
  void anAnswerOnTheScaleAnswersTheSurveyWithItsCommentTrimmed() {
    Survey survey = surveyor.send("case-1", "customer-1", SurveyKind.CSAT);
    clock.move(Duration.ofHours(1));

    Survey.Answering answering = surveyor.answer(survey, 5, Optional.of("  Quick and kind. "));

    assertThat(answering)
        .isInstanceOfSatisfying(
            Survey.Answering.Answered.class,
            a -> {
              assertThat(a.score()).isEqualTo(5);
              assertThat(a.comment()).contains("Quick and kind.");
              assertThat(a.survey().status()).isEqualTo(SurveyStatus.ANSWERED);
              assertThat(a.survey().closedAt()).contains(SENT_AT.plus(Duration.ofHours(1)));
            });
  }

  @Test
  void aBlankCommentIsNoComment() {
    Survey survey = surveyor.send("case-1", "customer-1", SurveyKind.CSAT);
    assertThat(surveyor.answer(survey, 3, Optional.of("   ")))
        .isInstanceOfSatisfying(
            Survey.Answering.Answered.class, a -> assertThat(a.comment()).isEmpty());
  }

  @Test
  void aScoreOffTheScaleIsInvalidNamingTheScoreField() {
    Survey survey = surveyor.send("case-1", "customer-1", SurveyKind.NPS);
    assertThat(surveyor.answer(survey, 11, Optional.empty()))
        .isEqualTo(new Survey.Answering.Invalid("score", "an NPS score is 0 to 10; got 11"));
  }

  @Test
  void aTooLongCommentIsInvalidNamingTheCommentField() {
    Survey survey = surveyor.send("case-1", "customer-1", SurveyKind.CES);
    assertThat(surveyor.answer(survey, 2, Optional.of("x".repeat(Survey.LONGEST_COMMENT + 1))))
        .isEqualTo(
            new Survey.Answering.Invalid(
                "comment", "a comment is at most 2000 characters; this one has 2001"));
  }

  @Test
  void anAnsweredSurveyTakesNoSecondAnswer() {
    Survey survey = surveyor.send("case-1", "customer-1", SurveyKind.CSAT);
    Survey answered =
        ((Survey.Answering.Answered) surveyor.answer(survey, 4, Optional.empty())).survey();

    assertThat(surveyor.answer(answered, 5, Optional.empty()))
        .isEqualTo(new Survey.Answering.Closed(SurveyStatus.ANSWERED));
  }

  @Test
  void optingOutClosesAnOpenSurveyAndLeavesAnAnsweredOrExpiredOneAsItIs() {
    Survey survey = surveyor.send("case-1", "customer-1", SurveyKind.CSAT);
    assertThat(surveyor.optOut(survey).status()).isEqualTo(SurveyStatus.OPTED_OUT);
    assertThat(surveyor.answer(surveyor.optOut(survey), 3, Optional.empty()))
        .isEqualTo(new Survey.Answering.Closed(SurveyStatus.OPTED_OUT));

    Survey answered =
        ((Survey.Answering.Answered) surveyor.answer(survey, 4, Optional.empty())).survey();
    assertThat(surveyor.optOut(answered)).isEqualTo(answered);

    clock.move(Duration.ofDays(31));
    assertThat(surveyor.optOut(survey)).isEqualTo(survey);
  }

  @Test
  void aSurveyCannotExpireBeforeItIsSent() {
    assertThatThrownBy(
            () ->
                new Survey(
                    "s",
                    "c",
                    "k",
                    SurveyKind.CSAT,
                    "t",
                    SurveyStatus.SENT,
                    SENT_AT,
                    SENT_AT,
                    Optional.empty()))
        .hasMessageContaining("expires after it is sent");
  }
}
