package io.servicebook.feedback;

import io.servicebook.protocol.SurveyKind;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A survey sent to a customer about one case: its kind, the token of its link, and where it stands.
 * Immutable; {@link #answer} and {@link #optOut} return the outcome rather than change it.
 *
 * @param expiresAt from this moment on the link answers no more
 */
public record Survey(
    String id,
    String caseId,
    String customerId,
    SurveyKind kind,
    String token,
    SurveyStatus status,
    Instant sentAt,
    Instant expiresAt,
    Optional<Instant> closedAt) {

  /** The longest comment a customer may leave, in characters. */
  public static final int LONGEST_COMMENT = 2000;

  public Survey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(caseId, "caseId");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(sentAt, "sentAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(closedAt, "closedAt");
    if (!expiresAt.isAfter(sentAt)) {
      throw new IllegalArgumentException(
          "A survey expires after it is sent: sent " + sentAt + ", expires " + expiresAt + ".");
    }
  }

  /** A survey just sent, open until {@code expiry} runs out. */
  public static Survey send(
      String id,
      String caseId,
      String customerId,
      SurveyKind kind,
      String token,
      Instant sentAt,
      SurveyExpiry expiry) {
    return new Survey(
        id,
        caseId,
        customerId,
        kind,
        token,
        SurveyStatus.SENT,
        sentAt,
        expiry.expiresAt(sentAt),
        Optional.empty());
  }

  public Scale scale() {
    return new Scale(kind);
  }

  /**
   * The status as the customer meets it at {@code now}: a sent survey past its expiry is expired.
   */
  public SurveyStatus statusAt(Instant now) {
    return status == SurveyStatus.SENT && !now.isBefore(expiresAt) ? SurveyStatus.EXPIRED : status;
  }

  /** What answering a survey came to. */
  public sealed interface Answering {
    /** The answer counts; the survey as it is now. */
    record Answered(Survey survey, int score, Optional<String> comment) implements Answering {}

    /** The survey cannot take an answer any more: it is answered, expired or opted out. */
    record Closed(SurveyStatus status) implements Answering {}

    /** The answer itself is wrong; the sentence says why, naming the field. */
    record Invalid(String field, String problem) implements Answering {}
  }

  /**
   * The customer's answer at {@code now}: the score must be on the kind's scale and the comment (if
   * any, blank counts as none) at most {@link #LONGEST_COMMENT} characters; a survey that is not
   * open any more takes no answer, whatever it is.
   */
  public Answering answer(int score, Optional<String> comment, Instant now) {
    SurveyStatus current = statusAt(now);
    if (current != SurveyStatus.SENT) {
      return new Answering.Closed(current);
    }
    Optional<String> problem = scale().problem(score);
    if (problem.isPresent()) {
      return new Answering.Invalid("score", problem.get());
    }
    Optional<String> text = comment.map(String::strip).filter(c -> !c.isEmpty());
    if (text.isPresent() && text.get().length() > LONGEST_COMMENT) {
      return new Answering.Invalid(
          "comment",
          "a comment is at most "
              + LONGEST_COMMENT
              + " characters; this one has "
              + text.get().length());
    }
    return new Answering.Answered(moveTo(SurveyStatus.ANSWERED, now), score, text);
  }

  /**
   * The survey after the customer opted out of surveys from its page: an open survey is closed as
   * opted out; one answered or expired stays as it is.
   */
  public Survey optOut(Instant now) {
    return statusAt(now) == SurveyStatus.SENT ? moveTo(SurveyStatus.OPTED_OUT, now) : this;
  }

  /**
   * @throws IllegalSurveyTransition if the transition table does not allow the move
   */
  public Survey moveTo(SurveyStatus to, Instant at) {
    SurveyTransitions.check(status, to);
    return new Survey(id, caseId, customerId, kind, token, to, sentAt, expiresAt, Optional.of(at));
  }
}
