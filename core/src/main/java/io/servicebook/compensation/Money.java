package io.servicebook.compensation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;
import java.util.regex.Pattern;

/** An amount in one currency (ISO 4217 code such as EUR); never a float. */
public record Money(BigDecimal amount, String currency) {

  private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

  public Money {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    if (!CODE.matcher(currency).matches()) {
      throw new IllegalArgumentException(
          "currency must be three capital letters (ISO 4217), not `" + currency + "`");
    }
  }

  public static Money of(String amount, String currency) {
    return new Money(new BigDecimal(amount), currency);
  }

  public static Money zero(String currency) {
    return new Money(BigDecimal.ZERO, currency);
  }

  public Money plus(BigDecimal other) {
    return new Money(amount.add(other), currency);
  }

  public boolean isPositive() {
    return amount.signum() > 0;
  }

  /** The amount as people write it in this currency: {@code 50.00 EUR}, {@code 500 JPY}. */
  @Override
  public String toString() {
    return format(amount, currency);
  }

  static String format(BigDecimal amount, String currency) {
    return amount.setScale(digits(currency), RoundingMode.HALF_EVEN).toPlainString()
        + " "
        + currency;
  }

  /** The digits after the decimal point of the currency; two when it is not a known code. */
  static int digits(String currency) {
    try {
      int digits = Currency.getInstance(currency).getDefaultFractionDigits();
      return digits < 0 ? 2 : digits;
    } catch (IllegalArgumentException unknown) {
      return 2;
    }
  }
}
