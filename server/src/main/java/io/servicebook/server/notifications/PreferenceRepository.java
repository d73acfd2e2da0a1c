package io.servicebook.server.notifications;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each user's delivery per kind of notification and their working hours, in SQL. */
@Repository
class PreferenceRepository {

  private final JdbcClient jdbc;

  PreferenceRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The deliveries the user chose; kinds they never chose are not in the map. */
  Map<NotificationKind, Delivery> deliveries(String username) {
    Map<NotificationKind, Delivery> chosen = new EnumMap<>(NotificationKind.class);
    jdbc.sql("SELECT kind, delivery FROM notification_preference WHERE username = :u")
        .param("u", username)
        .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
        .list()
        .forEach(
            row ->
                NotificationKind.of(row.getKey())
                    .ifPresent(k -> Delivery.of(row.getValue()).ifPresent(d -> chosen.put(k, d))));
    return chosen;
  }

  /** Replaces all of the user's deliveries. */
  void replaceDeliveries(String username, Map<NotificationKind, Delivery> deliveries) {
    jdbc.sql("DELETE FROM notification_preference WHERE username = :u")
        .param("u", username)
        .update();
    deliveries.forEach(
        (kind, delivery) ->
            jdbc.sql(
                    """
                    INSERT INTO notification_preference (username, kind, delivery)
                    VALUES (:u, :kind, :delivery)
                    """)
                .param("u", username)
                .param("kind", kind.key())
                .param("delivery", delivery.key())
                .update());
  }

  Optional<WorkingHours> hours(String username) {
    return jdbc.sql(
            """
            SELECT time_zone, start_minute, end_minute, work_days, hours_only
            FROM notification_schedule WHERE username = :u
            """)
        .param("u", username)
        .query(
            (rs, n) ->
                new WorkingHours(
                    ZoneId.of(rs.getString(1)),
                    LocalTime.ofSecondOfDay(rs.getInt(2) * 60L),
                    LocalTime.ofSecondOfDay(rs.getInt(3) * 60L),
                    days(rs.getString(4)),
                    rs.getBoolean(5)))
        .optional();
  }

  /** The business calendar whose hours the user took instead of their own, if any. */
  Optional<String> calendar(String username) {
    return jdbc.sql(
            "SELECT calendar FROM notification_schedule WHERE username = :u AND calendar IS NOT NULL")
        .param("u", username)
        .query(String.class)
        .optional();
  }

  void saveHours(String username, WorkingHours hours, Optional<String> calendar) {
    jdbc.sql("DELETE FROM notification_schedule WHERE username = :u").param("u", username).update();
    jdbc.sql(
            """
            INSERT INTO notification_schedule
              (username, time_zone, start_minute, end_minute, work_days, hours_only, calendar)
            VALUES (:u, :zone, :start, :end, :days, :only, :calendar)
            """)
        .param("u", username)
        .param("zone", hours.zone().getId())
        .param("start", hours.start().toSecondOfDay() / 60)
        .param("end", hours.end().toSecondOfDay() / 60)
        .param(
            "days",
            hours.days().stream()
                .sorted()
                .map(d -> String.valueOf(d.getValue()))
                .collect(Collectors.joining(",")))
        .param("only", hours.hoursOnly())
        .param("calendar", calendar.orElse(null))
        .update();
  }

  private static Set<DayOfWeek> days(String stored) {
    return Arrays.stream(stored.split(","))
        .filter(s -> !s.isBlank())
        .map(s -> DayOfWeek.of(Integer.parseInt(s.strip())))
        .collect(Collectors.toSet());
  }
}
