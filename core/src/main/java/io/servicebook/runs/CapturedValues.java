package io.servicebook.runs;

import io.servicebook.protocol.Field;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns the text an agent typed into the typed value of its field, or says what is wrong and what
 * is accepted.
 */
final class CapturedValues {

  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
  private static final Pattern MONEY = Pattern.compile("-?\\d+(\\.\\d{1,2})?");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");
  private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s().-]");
  private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");

  /**
   * Dates and times are written with a four-digit year: ISO-8601 would also take {@code
   * +999999999-12-31}, which no one means and which overflows the date arithmetic of conditions.
   */
  private static final Pattern FOUR_DIGIT_YEAR = Pattern.compile("\\d{4}-");

  private CapturedValues() {}

  /** The typed value, or the problem. */
  sealed interface Parsed {
    record Valid(Object value) implements Parsed {}

    /**
     * Why not: in English, and as a {@code code} with {@code args} for other languages (the field's
     * name and the typed value come first when the problem is complete).
     */
    record Invalid(String problem, String code, List<String> args) implements Parsed {}
  }

  static String display(Field field) {
    return field.label().map(l -> l + " (" + field.name() + ")").orElse(field.name());
  }

  static Parsed parse(Field field, String raw) {
    String text = raw.strip();
    Parsed parsed =
        switch (field.type()) {
          case STRING, TEXT -> new Parsed.Valid(raw);
          case NUMBER -> number(text);
          case INTEGER -> integer(text);
          case MONEY -> money(text);
          case BOOLEAN -> bool(text);
          case DATE -> date(text);
          case DATETIME -> dateTime(text);
          case EMAIL ->
              EMAIL.matcher(text).matches()
                  ? new Parsed.Valid(text)
                  : invalid("not-email", "is not an email address; write it like name@example.com");
          case PHONE -> phone(text);
          case ENUM -> oneOf(field, text);
        };
    if (parsed instanceof Parsed.Valid valid) {
      parsed = withinBounds(field, valid.value());
    }
    if (parsed instanceof Parsed.Valid valid && field.pattern().isPresent()) {
      parsed = matchesPattern(field, raw, valid);
    }
    if (parsed instanceof Parsed.Invalid(String problem, String code, List<String> args)) {
      List<String> all = new ArrayList<>(List.of(display(field), raw));
      all.addAll(args);
      return new Parsed.Invalid(display(field) + ": “" + raw + "” " + problem + ".", code, all);
    }
    return parsed;
  }

  private static Parsed.Invalid invalid(String code, String problem, String... args) {
    return new Parsed.Invalid(problem, code, List.of(args));
  }

  private static Parsed number(String text) {
    if (text.contains(",")) {
      return invalid(
          "not-number-comma",
          "is not a number; use a dot for decimals and no thousands separator, like 1234.5");
    }
    try {
      return new Parsed.Valid(new BigDecimal(text));
    } catch (NumberFormatException e) {
      return invalid("not-number", "is not a number; write digits with an optional dot, like 12.5");
    }
  }

  private static Parsed integer(String text) {
    return INTEGER.matcher(text).matches()
        ? new Parsed.Valid(Long.parseLong(text))
        : invalid("not-integer", "is not a whole number; write digits only, like 3");
  }

  private static Parsed money(String text) {
    return MONEY.matcher(text).matches()
        ? new Parsed.Valid(new BigDecimal(text))
        : invalid(
            "not-money",
            "is not an amount; write digits with at most two decimals after a dot and no currency"
                + " sign, like 49.90");
  }

  private static Parsed bool(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true", "yes" -> new Parsed.Valid(Boolean.TRUE);
      case "false", "no" -> new Parsed.Valid(Boolean.FALSE);
      default -> invalid("not-boolean", "is not yes or no; accepted: yes, no, true, false");
    };
  }

  private static Parsed date(String text) {
    try {
      if (!FOUR_DIGIT_YEAR.matcher(text).lookingAt()) {
        throw new DateTimeParseException("not a four-digit year", text, 0);
      }
      return new Parsed.Valid(LocalDate.parse(text));
    } catch (DateTimeParseException e) {
      return invalid("not-date", "is not a date; write year-month-day, like 2026-03-02");
    }
  }

  private static Parsed dateTime(String text) {
    try {
      if (!FOUR_DIGIT_YEAR.matcher(text).lookingAt()) {
        throw new DateTimeParseException("not a four-digit year", text, 0);
      }
      return new Parsed.Valid(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      return invalid(
          "not-datetime",
          "is not a date and time; write it with its time zone, like 2026-03-02T14:30:00Z or"
              + " 2026-03-02T15:30:00+01:00");
    }
  }

  private static Parsed phone(String text) {
    String digits = PHONE_SEPARATORS.matcher(text).replaceAll("");
    return E164.matcher(digits).matches()
        ? new Parsed.Valid(digits)
        : invalid(
            "not-phone",
            "is not an international phone number; start with + and the country code, like +34"
                + " 600 111 222");
  }

  private static Parsed oneOf(Field field, String text) {
    Optional<String> declared =
        field.values().stream().filter(v -> v.equalsIgnoreCase(text)).findFirst();
    return declared
        .<Parsed>map(Parsed.Valid::new)
        .orElseGet(
            () ->
                invalid(
                    "not-option",
                    "is not one of the options; choose " + String.join(", ", field.values()),
                    String.join(", ", field.values())));
  }

  private static Parsed withinBounds(Field field, Object value) {
    if (value instanceof String text && !field.type().isNumeric()) {
      return length(field, text);
    }
    BigDecimal number =
        switch (value) {
          case BigDecimal decimal -> decimal;
          case Long whole -> BigDecimal.valueOf(whole);
          default -> null;
        };
    if (number == null) {
      return new Parsed.Valid(value);
    }
    if (field.min().isPresent() && number.compareTo(field.min().get()) < 0) {
      return invalid("below-min", "is below the minimum; " + range(field), bound(field));
    }
    if (field.max().isPresent() && number.compareTo(field.max().get()) > 0) {
      return invalid("above-max", "is above the maximum; " + range(field), bound(field));
    }
    return new Parsed.Valid(value);
  }

  private static Parsed length(Field field, String text) {
    int length = text.codePointCount(0, text.length());
    if (field.min().isPresent() && length < field.min().get().intValue()) {
      return invalid(
          "too-short",
          "is too short (" + length + " characters); " + lengths(field),
          bound(field),
          String.valueOf(length));
    }
    if (field.max().isPresent() && length > field.max().get().intValue()) {
      return invalid(
          "too-long",
          "is too long (" + length + " characters); " + lengths(field),
          bound(field),
          String.valueOf(length));
    }
    return new Parsed.Valid(text);
  }

  /** The field's bounds as {@code min–max}, {@code ≥ min} or {@code ≤ max}. */
  private static String bound(Field field) {
    String min = field.min().map(BigDecimal::toPlainString).orElse("");
    String max = field.max().map(BigDecimal::toPlainString).orElse("");
    if (!min.isEmpty() && !max.isEmpty()) {
      return min + "–" + max;
    }
    return !min.isEmpty() ? "≥ " + min : "≤ " + max;
  }

  private static String range(Field field) {
    return bounds(field, "a value");
  }

  private static String lengths(Field field) {
    return bounds(field, "a length") + " characters";
  }

  private static String bounds(Field field, String what) {
    String min = field.min().map(BigDecimal::toPlainString).orElse("");
    String max = field.max().map(BigDecimal::toPlainString).orElse("");
    if (!min.isEmpty() && !max.isEmpty()) {
      return "accepted: " + what + " from " + min + " to " + max;
    }
    return !min.isEmpty()
        ? "accepted: " + what + " of at least " + min
        : "accepted: " + what + " of at most " + max;
  }

  private static Parsed matchesPattern(Field field, String raw, Parsed.Valid valid) {
    return Pattern.compile(field.pattern().get()).matcher(raw.strip()).find()
        ? valid
        : invalid(
            "pattern",
            "does not have the expected form; it must match " + field.pattern().get(),
            field.pattern().get());
  }
}
