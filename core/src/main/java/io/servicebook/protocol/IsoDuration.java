package io.servicebook.protocol;

import java.time.Duration;
import java.time.Period;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ISO-8601 duration as written in a protocol, such as {@code PT4H}, {@code P2D} or {@code P6M}:
 * a calendar part (years, months, weeks, days) and a clock part (hours, minutes, seconds).
 */
public record IsoDuration(Period period, Duration time, String text) {

  private static final Pattern FORM =
      Pattern.compile(
          "P(?:(\\d{1,4})Y)?(?:(\\d{1,4})M)?(?:(\\d{1,4})W)?(?:(\\d{1,5})D)?"
              + "(?:T(?:(\\d{1,6})H)?(?:(\\d{1,7})M)?(?:(\\d{1,9})S)?)?");

  public IsoDuration {
    if (period.isNegative() || time.isNegative()) {
      throw new IllegalArgumentException("durations are not negative: " + text);
    }
  }

  /** Parses {@code PnYnMnWnDTnHnMnS}; empty when the text is not of that form or is zero. */
  public static Optional<IsoDuration> parse(String text) {
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches() || text.trim().equals("P") || text.trim().endsWith("T")) {
      return Optional.empty();
    }
    Period period =
        Period.of(number(m, 1), number(m, 2), number(m, 3) * 7 + number(m, 4)).normalized();
    Duration time =
        Duration.ofHours(number(m, 5)).plusMinutes(number(m, 6)).plusSeconds(number(m, 7));
    if (period.isZero() && time.isZero()) {
      return Optional.empty();
    }
    return Optional.of(new IsoDuration(period, time, text.trim()));
  }

  private static int number(Matcher m, int group) {
    return m.group(group) == null ? 0 : Integer.parseInt(m.group(group));
  }

  /** Whether the duration has a calendar part (days or longer), not only hours and minutes. */
  public boolean hasCalendarPart() {
    return !period.isZero();
  }

  /** The duration as elapsed time, counting a day as 24 hours; empty with months or years. */
  public Optional<Duration> asElapsed() {
    if (period.getYears() != 0 || period.getMonths() != 0) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofDays(period.getDays()).plus(time));
  }

  /** A rough length in days, for comparisons such as "longer than six months". */
  public double approximateDays() {
    return period.getYears() * 365.25
        + period.getMonths() * 30.44
        + period.getDays()
        + time.toMinutes() / 1440.0;
  }

  @Override
  public String toString() {
    return text;
  }
}
