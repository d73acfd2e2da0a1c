package io.servicebook.server.cases;

import io.servicebook.cases.CustomerPreferences;
import io.servicebook.protocol.Channel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The customers' preferences, one row per customer who has any. Read with every customer and case
 * (their columns are subqueries, so a preference changed is what the next condition sees).
 */
@Repository
class CustomerPreferencesRepository {

  private final JdbcClient jdbc;

  CustomerPreferencesRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The preference columns for a select whose customer id is {@code customerId}. */
  static String columns(String customerId) {
    StringBuilder sql = new StringBuilder();
    for (String column :
        new String[] {"preferred_channel", "language", "best_time", "accessibility", "note"}) {
      if (!sql.isEmpty()) {
        sql.append(", ");
      }
      sql.append("(SELECT p.")
          .append(column)
          .append(" FROM customer_preferences p WHERE p.customer_id = ")
          .append(customerId)
          .append(") AS pref_")
          .append(column);
    }
    return sql.toString();
  }

  static CustomerPreferences read(ResultSet rs) throws SQLException {
    return new CustomerPreferences(
        Optional.ofNullable(rs.getString("pref_preferred_channel"))
            .map(c -> Channel.valueOf(c.toUpperCase(Locale.ROOT))),
        Optional.ofNullable(rs.getString("pref_language")),
        Optional.ofNullable(rs.getString("pref_best_time")),
        Optional.ofNullable(rs.getString("pref_accessibility")),
        Optional.ofNullable(rs.getString("pref_note")));
  }

  /** Stores the customer's preferences in place of the ones before. */
  void save(String customerId, CustomerPreferences p, String actor, Instant at) {
    jdbc.sql("DELETE FROM customer_preferences WHERE customer_id = :id")
        .param("id", customerId)
        .update();
    jdbc.sql(
            """
            INSERT INTO customer_preferences (customer_id, preferred_channel, language, best_time,
                                              accessibility, note, updated_at, updated_by)
            VALUES (:id, :channel, :language, :bestTime, :accessibility, :note, :at, :actor)
            """)
        .param("id", customerId)
        .param("channel", p.preferredChannel().map(Channel::key).orElse(null))
        .param("language", p.language().orElse(null))
        .param("bestTime", p.bestTime().orElse(null))
        .param("accessibility", p.accessibility().orElse(null))
        .param("note", p.note().orElse(null))
        .param("at", Timestamp.from(at))
        .param("actor", actor)
        .update();
  }
}
