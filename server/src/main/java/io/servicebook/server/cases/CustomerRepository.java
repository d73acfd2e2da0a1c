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

/** Customers, one per e-mail address compared without case. */
@Repository
class CustomerRepository {

  private static final String COLUMNS =
      "id, email, first_name, last_name, phone, language, tier, lifetime_value";

  private final JdbcClient jdbc;

  CustomerRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  static String key(String email) {
    return email.strip().toLowerCase(Locale.ROOT);
  }

  Optional<Customer> byEmail(String email) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE email_key = :key")
        .param("key", key(email))
        .query(CustomerRepository::row)
        .optional();
  }

  Optional<Customer> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE id = :id")
        .param("id", id)
        .query(CustomerRepository::row)
        .optional();
  }

  /** Customers whose address or name contains {@code text} (without case), by name. */
  List<Customer> search(Optional<String> text, int limit) {
    String like = "%" + text.orElse("").toLowerCase(Locale.ROOT).replace("%", "") + "%";
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + """
                 FROM customer
                WHERE email_key LIKE :like OR LOWER(first_name) LIKE :like
                   OR LOWER(last_name) LIKE :like
                ORDER BY last_name, first_name, id LIMIT :limit
                """)
        .param("like", like)
        .param("limit", limit)
        .query(CustomerRepository::row)
        .list();
  }

  void insert(Customer c, Instant at) {
    jdbc.sql(
            """
            INSERT INTO customer (id, email_key, email, first_name, last_name, phone, language,
                                  tier, lifetime_value, created_at, updated_at)
            VALUES (:id, :key, :email, :first, :last, :phone, :language, :tier, :value, :at, :at)
            """)
        .param("id", c.id())
        .param("key", key(c.email()))
        .param("email", c.email())
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
            UPDATE customer SET email = :email, first_name = :first, last_name = :last,
                   phone = :phone, language = :language, tier = :tier, lifetime_value = :value,
                   updated_at = :at
            WHERE id = :id
            """)
        .param("id", c.id())
        .param("email", c.email())
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
        rs.getString("email"),
        Optional.ofNullable(rs.getString("phone")),
        rs.getString("language"),
        rs.getString("tier"),
        rs.getBigDecimal("lifetime_value"));
  }
}
