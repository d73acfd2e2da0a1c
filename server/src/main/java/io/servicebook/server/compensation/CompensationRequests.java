package io.servicebook.server.compensation;

import io.servicebook.compensation.Money;
import io.servicebook.server.web.TimeInput;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the JSON bodies and path values of the compensation API into checked values, collecting
 * every bad field with what is accepted instead of stopping at the first.
 */
final class CompensationRequests {

  /** Amounts are stored as DECIMAL(19, 2); this keeps them far inside that. */
  private static final BigDecimal LARGEST = new BigDecimal("1000000000000");

  private static final int REASON_LENGTH = 2000;
  private static final int TEAM_LENGTH = 100;

  private CompensationRequests() {}

  /** A member of the body or path that is missing or wrong, and why. */
  record FieldError(String field, String message) {}

  /** A body read into a value, or every problem found in it. */
  sealed interface Read<T> {
    record Valid<T>(T value) implements Read<T> {}

    record Invalid<T>(List<FieldError> errors) implements Read<T> {}
  }

  /** What an agent asks for on a case, and why. */
  record NewCompensation(Money amount, String reason) {}

  /** A team's budget for a month. */
  record BudgetSetting(String team, YearMonth month, Money amount) {}

  static Read<NewCompensation> compensation(Map<String, Object> body) {
    List<FieldError> errors = new ArrayList<>();
    Map<String, Object> values = body == null ? Map.of() : body;
    Optional<Money> amount = money(values, errors, false);
    Optional<String> reason = text(values, "reason", true, errors);
    return errors.isEmpty()
        ? new Read.Valid<>(new NewCompensation(amount.orElseThrow(), reason.orElseThrow()))
        : new Read.Invalid<>(errors);
  }

  /** The reason of an approval (optional) or a rejection (required). */
  static Read<Optional<String>> decision(Map<String, Object> body, boolean reasonRequired) {
    List<FieldError> errors = new ArrayList<>();
    Optional<String> reason =
        text(body == null ? Map.of() : body, "reason", reasonRequired, errors);
    return errors.isEmpty() ? new Read.Valid<>(reason) : new Read.Invalid<>(errors);
  }

  static Read<BudgetSetting> budget(String team, String month, Map<String, Object> body) {
    List<FieldError> errors = new ArrayList<>();
    Optional<String> checkedTeam = team(team, errors);
    Optional<YearMonth> checkedMonth = month(month, errors);
    Optional<Money> amount = money(body == null ? Map.of() : body, errors, true);
    return errors.isEmpty()
        ? new Read.Valid<>(
            new BudgetSetting(
                checkedTeam.orElseThrow(), checkedMonth.orElseThrow(), amount.orElseThrow()))
        : new Read.Invalid<>(errors);
  }

  /** The team and month of a budget's address. */
  record BudgetAddress(String team, YearMonth month) {}

  static Read<BudgetAddress> budgetAddress(String team, String month) {
    List<FieldError> errors = new ArrayList<>();
    Optional<String> checkedTeam = team(team, errors);
    Optional<YearMonth> checkedMonth = month(month, errors);
    return errors.isEmpty()
        ? new Read.Valid<>(new BudgetAddress(checkedTeam.orElseThrow(), checkedMonth.orElseThrow()))
        : new Read.Invalid<>(errors);
  }

  static Read<StoredCompensation.Status> status(String text) {
    return StoredCompensation.Status.of(text)
        .<Read<StoredCompensation.Status>>map(Read.Valid::new)
        .orElseGet(
            () ->
                new Read.Invalid<>(
                    List.of(
                        new FieldError(
                            "status",
                            "“"
                                + text
                                + "” is not accepted; choose one of pending_approval, granted,"
                                + " refused, rejected."))));
  }

  private static Optional<String> team(String team, List<FieldError> errors) {
    String name = team == null ? "" : team.strip();
    if (name.isEmpty() || name.length() > TEAM_LENGTH) {
      errors.add(
          new FieldError("team", "must name a team in 1 to " + TEAM_LENGTH + " characters."));
      return Optional.empty();
    }
    return Optional.of(name);
  }

  private static Optional<YearMonth> month(String month, List<FieldError> errors) {
    try {
      return Optional.of(TimeInput.month("month", month));
    } catch (TimeInput.Invalid e) {
      errors.add(new FieldError(e.field(), e.getMessage()));
      return Optional.empty();
    }
  }

  /**
   * The {@code amount} and {@code currency} members: an amount above zero (or zero, for a budget)
   * with at most two decimals and no more than its currency has, and an ISO 4217 code.
   */
  private static Optional<Money> money(
      Map<String, Object> body, List<FieldError> errors, boolean zeroAllowed) {
    Optional<String> currency = currency(body.get("currency"), errors);
    Object raw = body.get("amount");
    if (raw == null || (raw instanceof String s && s.isBlank())) {
      errors.add(new FieldError("amount", "is required; give it as a number such as 25.50."));
      return Optional.empty();
    }
    Optional<BigDecimal> parsed = decimal(raw);
    if (parsed.isEmpty()) {
      errors.add(
          new FieldError("amount", "“" + raw + "” is not an amount; give a number such as 25.50."));
      return Optional.empty();
    }
    BigDecimal amount = parsed.get();
    int scale = Math.max(0, amount.stripTrailingZeros().scale());
    int digits =
        Math.min(
            2, currency.map(c -> Currency.getInstance(c).getDefaultFractionDigits()).orElse(2));
    if (amount.signum() < 0 || (amount.signum() == 0 && !zeroAllowed)) {
      errors.add(
          new FieldError(
              "amount",
              "must be "
                  + (zeroAllowed ? "zero or more" : "above zero")
                  + ", not "
                  + amount.toPlainString()
                  + "."));
    } else if (scale > Math.max(0, digits)) {
      errors.add(
          new FieldError(
              "amount",
              amount.toPlainString()
                  + " has "
                  + scale
                  + (scale == 1 ? " decimal; " : " decimals; ")
                  + (digits <= 0
                      ? currency.orElse("this currency")
                          + " has no smaller unit, give a whole amount."
                      : "give at most " + digits + ".")));
    } else if (amount.compareTo(LARGEST) >= 0) {
      errors.add(
          new FieldError(
              "amount", amount.toPlainString() + " is too large; it must be below 1000000000000."));
    } else if (currency.isPresent()) {
      return Optional.of(new Money(amount.setScale(2), currency.get()));
    }
    return Optional.empty();
  }

  private static Optional<BigDecimal> decimal(Object raw) {
    if (!(raw instanceof Number) && !(raw instanceof String)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new BigDecimal(raw.toString().strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> currency(Object raw, List<FieldError> errors) {
    if (raw == null || (raw instanceof String s && s.isBlank())) {
      errors.add(new FieldError("currency", "is required; give an ISO 4217 code such as EUR."));
      return Optional.empty();
    }
    String code = raw.toString().strip().toUpperCase(Locale.ROOT);
    if (raw instanceof String && code.matches("[A-Z]{3}")) {
      try {
        return Optional.of(Currency.getInstance(code).getCurrencyCode());
      } catch (IllegalArgumentException unknown) {
        // falls through to the error below
      }
    }
    errors.add(
        new FieldError(
            "currency",
            "“" + raw + "” is not an ISO 4217 currency code; write three letters such as EUR."));
    return Optional.empty();
  }

  private static Optional<String> text(
      Map<String, Object> body, String name, boolean required, List<FieldError> errors) {
    Object value = body.get(name);
    if (value == null || (value instanceof String s && s.isBlank())) {
      if (required) {
        errors.add(new FieldError(name, "is required; say why in a sentence."));
      }
      return Optional.empty();
    }
    if (!(value instanceof String s)) {
      errors.add(new FieldError(name, "must be a string, not " + value + "."));
      return Optional.empty();
    }
    if (s.length() > REASON_LENGTH) {
      errors.add(
          new FieldError(
              name, "is too long (" + s.length() + " characters); at most " + REASON_LENGTH + "."));
      return Optional.empty();
    }
    return Optional.of(s.strip());
  }
}
