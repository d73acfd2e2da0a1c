package io.servicebook.server.cases;

import io.servicebook.cases.Customer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Customers, one per e-mail address compared without case; one without an address (a caller who
 * gave none) is found by phone, compared by its digits.
 */
@Repository
class CustomerRepository {

  private static final String COLUMNS =
      "id, email, first_name, last_name, phone, language, tier, lifetime_value, "
          + CustomerPreferencesRepository.columns("customer.id");

  private final JdbcClient jdbc;

  CustomerRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  static String key(String email) {
    return email.strip().toLowerCase(Locale.ROOT);
  }

  /** The phone's digits and a leading +, as it is compared: "+34 600-11" is "+3460011". */
  static String phoneKey(String phone) {
    String digits = phone.replaceAll("[^0-9]", "");
    return phone.strip().startsWith("+") ? "+" + digits : digits;
  }

  Optional<Customer> byEmail(String email) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE email_key = :key")
        .param("key", key(email))
        .query(CustomerRepository::row)
        .optional();
  }

  /** The customer last seen with this phone number, if any. */
  Optional<Customer> byPhone(String phone) {
    String key = phoneKey(phone);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM customer WHERE phone_key = :key ORDER BY updated_at DESC, id LIMIT 1")
        .param("key", key)
        .query(CustomerRepository::row)
        .optional();
  }

  Optional<Customer> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE id = :id")
        .param("id", id)
        .query(CustomerRepository::row)
        .optional();
  }

  /**
   * Customers whose address or name contains {@code text} (without case), or whose phone contains
   * its digits, by name.
   */
  List<Customer> search(Optional<String> text, int limit) {
    String like = "%" + text.orElse("").toLowerCase(Locale.ROOT).replace("%", "") + "%";
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + """
                 FROM customer
                WHERE email_key LIKE :like OR LOWER(first_name) LIKE :like
                   OR LOWER(last_name) LIKE :like
                   OR LOWER(first_name || ' ' || last_name) LIKE :like
                   OR phone_key LIKE :phone
                ORDER BY last_name, first_name, id LIMIT :limit
                """)
        .param("like", like)
        .param("phone", phoneLike(text))
        .param("limit", limit)
        .query(CustomerRepository::row)
        .list();
  }

  /** Matches no phone unless the text has at least three digits. */
  private static String phoneLike(Optional<String> text) {
    String digits = text.map(t -> t.replaceAll("[^0-9]", "")).orElse("");
    return digits.length() < 3 ? "-" : "%" + digits + "%";
  }

  void insert(Customer c, Instant at) {
    jdbc.sql(
            """
            INSERT INTO customer (id, email_key, email, first_name, last_name, phone, phone_key,
                                  language, tier, lifetime_value, created_at, updated_at)
            VALUES (:id, :key, :email, :first, :last, :phone, :phoneKey, :language, :tier, :value,
                    :at, :at)
            """)
        .param("id", c.id())
        .param("key", c.email().map(CustomerRepository::key).orElse(null))
        .param("email", c.email().orElse(null))
        .param("phoneKey", c.phone().map(CustomerRepository::phoneKey).orElse(null))
        .param("first", c.firstName())
        .param("last", c.lastName())
        .param("phone", c.phone().orElse(null))
        .param("language", c.language())
        .param("tier", c.tier())
        .param("value", c.lifetimeValue())
        .param("at", Timestamp.from(at))
        .update();
  }

  void update(Customer c, Instant at) {
    jdbc.sql(
            """
            UPDATE customer SET email_key = :key, email = :email, first_name = :first,
                   last_name = :last, phone = :phone, phone_key = :phoneKey, language = :language,
                   tier = :tier, lifetime_value = :value, updated_at = :at
            WHERE id = :id
            """)
        .param("id", c.id())
        .param("key", c.email().map(CustomerRepository::key).orElse(null))
        .param("email", c.email().orElse(null))
        .param("phoneKey", c.phone().map(CustomerRepository::phoneKey).orElse(null))
        .param("first", c.firstName())
        .param("last", c.lastName())
        .param("phone", c.phone().orElse(null))
        .param("language", c.language())
        .param("tier", c.tier())
        .param("value", c.lifetimeValue())
        .param("at", Timestamp.from(at))
        .update();
  }

  private static Customer row(ResultSet rs, int n) throws SQLException {
    return new Customer(
        rs.getString("id"),
        rs.getString("first_name"),
        rs.getString("last_name"),
        Optional.ofNullable(rs.getString("email")),
        Optional.ofNullable(rs.getString("phone")),
        rs.getString("language"),
        rs.getString("tier"),
        rs.getBigDecimal("lifetime_value"),
        CustomerPreferencesRepository.read(rs));
  }
}
