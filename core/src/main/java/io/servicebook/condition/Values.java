package io.servicebook.condition;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/** Converts input values from Java to what CEL's runtime expects for a declared type. */
final class Values {

  private Values() {}

  /** Thrown when an input value does not fit its variable's type. */
  static final class WrongValue extends Exception {
    WrongValue(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The value as CEL's runtime wants it.
   *
   * @param maxListItems the most items a list may have; a longer one is refused, so that the cost
   *     bound worked out when the condition was read holds
   */
  static Object toCel(String name, CelType type, Object value, int maxListItems) throws WrongValue {
    if (type.equals(SimpleType.STRING)) {
      if (value instanceof CharSequence || value instanceof Enum<?>) {
        return value.toString();
      }
    } else if (type.equals(SimpleType.DOUBLE)) {
      if (value instanceof Number number && !(value instanceof BigInteger)) {
        return number.doubleValue();
      }
      if (value instanceof BigInteger big) {
        return big.doubleValue();
      }
    } else if (type.equals(SimpleType.INT)) {
      Long whole = wholeNumber(value);
      if (whole != null) {
        return whole;
      }
    } else if (type.equals(SimpleType.BOOL)) {
      if (value instanceof Boolean) {
        return value;
      }
    } else if (type.equals(SimpleType.TIMESTAMP)) {
      Instant instant = instant(value);
      if (instant != null) {
        return instant;
      }
    } else if (type instanceof ListType) {
      if (value instanceof List<?> list) {
        if (list.size() > maxListItems) {
          throw new WrongValue(
              "`"
                  + name
                  + "` has "
                  + list.size()
                  + " items; conditions read lists of at most "
                  + maxListItems
                  + ".");
        }
        List<String> texts = new ArrayList<>(list.size());
        for (Object item : list) {
          if (!(item instanceof CharSequence)) {
            throw wrong(name, type, value);
          }
          texts.add(item.toString());
        }
        return List.copyOf(texts);
      }
    }
    throw wrong(name, type, value);
  }

  private static Long wholeNumber(Object value) {
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    try {
      if (value instanceof BigInteger big) {
        return big.longValueExact();
      }
      if (value instanceof BigDecimal decimal) {
        return decimal.longValueExact();
      }
    } catch (ArithmeticException notWhole) {
      return null;
    }
    return null;
  }

  private static Instant instant(Object value) {
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof LocalDate date) {
      return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    if (value instanceof OffsetDateTime dateTime) {
      return dateTime.toInstant();
    }
    if (value instanceof ZonedDateTime dateTime) {
      return dateTime.toInstant();
    }
    return null;
  }

  private static WrongValue wrong(String name, CelType type, Object value) {
    String shown = String.valueOf(value);
    if (shown.length() > 60) {
      shown = shown.substring(0, 60) + "…";
    }
    return new WrongValue(
        "`"
            + name
            + "` should be "
            + Messages.describe(type)
            + ", but its value is "
            + shown
            + " ("
            + value.getClass().getSimpleName()
            + ").");
  }
}
