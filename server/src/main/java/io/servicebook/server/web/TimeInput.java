package io.servicebook.server.web;

import io.servicebook.protocol.IsoDuration;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The instants, dates, months and durations the API and the console accept, read and bounded in one
 * place, so every endpoint takes the same range and answers the same 400 naming the field: instants
 * from {@link #EARLIEST} to {@link #LATEST}, durations longer than zero (or zero where a method
 * says so) and at most {@link #LONGEST}. Anything outside cannot be meant and would overflow the
 * calendar arithmetic further on.
 */
public final class TimeInput {

  /** The earliest instant accepted: the start of 1970 (UTC). */
  public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

  /** The latest instant accepted: the end of the year 9999 (UTC). */
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  /** The longest duration accepted: ten years of 365.25 days. */
  public static final Duration LONGEST = Duration.ofDays(3652);

  private static final String INSTANT_FORM = "2026-03-27T09:00:00Z";
  private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

  private TimeInput() {}

  /** A time value that is not accepted: the field as the request names it, and why. */
  public static final class Invalid extends RuntimeException {
    private final String field;

    public Invalid(String field, String message) {
      super(message, null, false, false);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  /** An ISO-8601 instant with {@code Z} or an offset, such as {@code 2026-03-27T09:00:00Z}. */
  public static Instant instant(String field, String text) {
    return within(field, text, offsetMoment(text).orElseThrow(() -> notAnInstant(field, text, "")));
  }

  /**
   * An instant, or a date and time without offset read in the zone when one is given (as the
   * console's date-time inputs send them).
   */
  public static Instant instantOrLocal(String field, String text, Optional<ZoneId> zone) {
    Optional<Instant> moment =
        offsetMoment(text)
            .or(
                () ->
                    zone.flatMap(
                        z ->
                            parsed(() -> LocalDateTime.parse(text.strip()).atZone(z).toInstant())));
    return within(field, text, moment.orElseThrow(() -> notAnInstant(field, text, "")));
  }

  /**
   * An instant, or a date ({@code 2026-11-23}) taken as the start of that day in the zone, or as
   * the start of the next day when {@code endOfDay}.
   */
  public static Instant instantOrDay(String field, String text, ZoneId zone, boolean endOfDay) {
    Optional<Instant> moment =
        offsetMoment(text)
            .or(
                () ->
                    parsed(() -> LocalDate.parse(text.strip()))
                        .flatMap(
                            day ->
                                parsed(
                                    () ->
                                        (endOfDay ? day.plusDays(1) : day)
                                            .atStartOfDay(zone)
                                            .toInstant())));
    return within(
        field,
        text,
        moment.orElseThrow(() -> notAnInstant(field, text, " or a date like 2026-11-23")));
  }

  /**
   * An ISO-8601 duration of hours, minutes and seconds (or days, {@code P2D}), longer than zero —
   * or zero too when {@code zeroAccepted} — and at most {@link #LONGEST}.
   */
  public static Duration duration(String field, String text, boolean zeroAccepted) {
    Duration duration;
    try {
      duration = Duration.parse(text.strip());
    } catch (DateTimeException | ArithmeticException e) {
      throw new Invalid(
          field, "“" + text + "” is not an ISO-8601 duration; write it like PT8H, PT30M or P2D.");
    }
    if (duration.isNegative() || (duration.isZero() && !zeroAccepted)) {
      throw new Invalid(
          field,
          "“"
              + text
              + "” is "
              + (duration.isZero() ? "zero" : "negative")
              + "; give a duration "
              + (zeroAccepted ? "of zero or more" : "longer than zero")
              + ", like PT8H.");
    }
    if (duration.compareTo(LONGEST) > 0) {
      throw new Invalid(field, "“" + text + "” is longer than " + longest() + ".");
    }
    return duration;
  }

  /**
   * A wait as protocols write it ({@code P3D}, {@code P1M}, {@code PT4H}), at most {@link
   * #LONGEST}.
   */
  public static IsoDuration wait(String field, String text) {
    IsoDuration wait =
        IsoDuration.parse(text)
            .orElseThrow(
                () ->
                    new Invalid(
                        field,
                        "“"
                            + text
                            + "” is not a wait; write an ISO-8601 duration such as P1D, P3D or"
                            + " PT4H."));
    if (wait.approximateDays() > LONGEST.toDays()) {
      throw new Invalid(field, "“" + text + "” is longer than " + longest() + ".");
    }
    return wait;
  }

  /** A month written {@code YYYY-MM}, such as {@code 2026-11}, from 1970-01 to 9999-12. */
  public static YearMonth month(String field, String text) {
    YearMonth month =
        text == null || !MONTH.matcher(text.strip()).matches()
            ? null
            : parsed(() -> YearMonth.parse(text.strip())).orElse(null);
    if (month == null) {
      throw new Invalid(field, "“" + text + "” is not a month; write it as YYYY-MM, like 2026-11.");
    }
    if (month.getYear() < 1970) {
      throw new Invalid(field, "“" + text + "” is outside the accepted range, 1970-01 to 9999-12.");
    }
    return month;
  }

  /** Checks an instant the server worked out from the input (such as now plus a wait). */
  public static Instant within(String field, String text, Instant moment) {
    if (moment.isBefore(EARLIEST) || moment.isAfter(LATEST)) {
      throw new Invalid(
          field,
          "“" + text + "” is outside the accepted range, " + EARLIEST + " to " + LATEST + ".");
    }
    return moment;
  }

  private static String longest() {
    return "the longest accepted, " + LONGEST.toDays() + " days (ten years)";
  }

  private static Invalid notAnInstant(String field, String text, String orElse) {
    return new Invalid(
        field,
        "“"
            + text
            + "” is not an instant; write it like "
            + INSTANT_FORM
            + " (ISO-8601 with Z or an offset)"
            + orElse
            + ".");
  }

  /** Reads {@code …Z} and {@code …+02:00}; years beyond 9999 (written {@code +10000-…}) too. */
  private static Optional<Instant> offsetMoment(String text) {
    return parsed(() -> OffsetDateTime.parse(text.strip()).toInstant());
  }

  private interface Reading<T> {
    T read();
  }

  private static <T> Optional<T> parsed(Reading<T> reading) {
    try {
      return Optional.of(reading.read());
    } catch (DateTimeException | ArithmeticException e) {
      return Optional.empty();
    }
  }
}
