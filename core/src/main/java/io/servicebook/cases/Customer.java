package io.servicebook.cases;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A person the company serves, as scripts and conditions see them.
 *
 * @param email where the customer is written to; empty for a caller or visitor who gave none
 * @param language a language tag such as {@code en} or {@code pt-BR}; scripts are picked by it
 * @param tier the service tier, such as {@code standard} or {@code vip}
 * @param lifetimeValue what the customer has spent so far, never negative
 * @param preferences how the customer likes to be served, as agents keep it on the profile
 */
public record Customer(
    String id,
    String firstName,
    String lastName,
    Optional<String> email,
    Optional<String> phone,
    String language,
    String tier,
    BigDecimal lifetimeValue,
    CustomerPreferences preferences) {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");

  public Customer {
    requireText(id, "id");
    Objects.requireNonNull(firstName, "firstName");
    Objects.requireNonNull(lastName, "lastName");
    Objects.requireNonNull(email, "email");
    email.ifPresent(
        address -> {
          if (!EMAIL.matcher(address).matches()) {
            throw new IllegalArgumentException(
                "A customer's email must look like name@example.com, not `" + address + "`.");
          }
        });
    Objects.requireNonNull(phone, "phone");
    requireText(language, "language");
    if (!LANGUAGE.matcher(language).matches()) {
      throw new IllegalArgumentException(
          "A customer's language must be a tag such as en or pt-BR, not `" + language + "`.");
    }
    requireText(tier, "tier");
    Objects.requireNonNull(lifetimeValue, "lifetimeValue");
    if (lifetimeValue.signum() < 0) {
      throw new IllegalArgumentException(
          "A customer's lifetime value cannot be negative: " + lifetimeValue + ".");
    }
    Objects.requireNonNull(preferences, "preferences");
  }

  /** A customer who has stated no preferences. */
  public Customer(
      String id,
      String firstName,
      String lastName,
      Optional<String> email,
      Optional<String> phone,
      String language,
      String tier,
      BigDecimal lifetimeValue) {
    this(
        id,
        firstName,
        lastName,
        email,
        phone,
        language,
        tier,
        lifetimeValue,
        CustomerPreferences.NONE);
  }

  /** The same customer with these preferences. */
  public Customer withPreferences(CustomerPreferences newPreferences) {
    return new Customer(
        id, firstName, lastName, email, phone, language, tier, lifetimeValue, newPreferences);
  }

  /** First and last name, as a script greets the customer. */
  public String name() {
    return (firstName + " " + lastName).strip();
  }

  static void requireText(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException("`" + what + "` must not be blank.");
    }
  }
}
