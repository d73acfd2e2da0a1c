package io.servicebook.feedback;

import io.servicebook.protocol.SurveyKind;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;

/** The scale of a kind of survey: the scores a customer may give, lowest first. */
public record Scale(SurveyKind kind) {

  /** The scale of a kind named as in a protocol or the API ({@code csat}, {@code nps}, …). */
  public static Optional<Scale> named(String name) {
    for (SurveyKind kind : SurveyKind.values()) {
      if (key(kind).equals(name.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(new Scale(kind));
      }
    }
    return Optional.empty();
  }

  /** The kind's name in the API and the database: {@code csat}, {@code nps}, {@code ces}. */
  public static String key(SurveyKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  public int min() {
    return kind.min();
  }

  public int max() {
    return kind.max();
  }

  /** Every score of the scale, lowest first. */
  public int[] scores() {
    return IntStream.rangeClosed(min(), max()).toArray();
  }

  public boolean contains(int score) {
    return score >= min() && score <= max();
  }

  /** Why the score is not on the scale, such as "an NPS score is 0 to 10; got 11"; else empty. */
  public Optional<String> problem(int score) {
    if (contains(score)) {
      return Optional.empty();
    }
    return Optional.of(
        "a"
            + (kind == SurveyKind.NPS ? "n " : " ")
            + kind.name()
            + " score is "
            + min()
            + " to "
            + max()
            + "; got "
            + score);
  }
}
