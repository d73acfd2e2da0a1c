package io.servicebook.server.teams;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Teams, their members and the stored escalation ladder, in SQL. */
@Repository
class TeamRepository {

  private final JdbcClient jdbc;

  TeamRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Every team with its members (leads first, then by name), by key. */
  List<Team> all() {
    Map<String, String> names = new LinkedHashMap<>();
    jdbc.sql("SELECT team_key, name FROM team ORDER BY team_key")
        .query(
            rs -> {
              names.put(rs.getString(1), rs.getString(2));
            });
    Map<String, List<Team.Member>> members = new LinkedHashMap<>();
    jdbc.sql(
            "SELECT team_key, username, is_lead FROM team_member"
                + " ORDER BY team_key, is_lead DESC, username")
        .query(
            rs -> {
              members
                  .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                  .add(new Team.Member(rs.getString(2), rs.getBoolean(3)));
            });
    return names.entrySet().stream()
        .map(e -> new Team(e.getKey(), e.getValue(), members.getOrDefault(e.getKey(), List.of())))
        .toList();
  }

  Optional<Team> find(String key) {
    Optional<String> name =
        jdbc.sql("SELECT name FROM team WHERE team_key = :k")
            .param("k", key)
            .query(String.class)
            .optional();
    return name.map(
        n ->
            new Team(
                key,
                n,
                jdbc.sql(
                        "SELECT username, is_lead FROM team_member WHERE team_key = :k"
                            + " ORDER BY is_lead DESC, username")
                    .param("k", key)
                    .query((rs, i) -> new Team.Member(rs.getString(1), rs.getBoolean(2)))
                    .list()));
  }

  List<String> keys() {
    return jdbc.sql("SELECT team_key FROM team").query(String.class).list();
  }

  /** Stores the team as given, its members replacing the ones it had; true when it is new. */
  boolean save(Team team, Instant now) {
    int updated =
        jdbc.sql("UPDATE team SET name = :name, updated_at = :at WHERE team_key = :k")
            .param("name", team.name())
            .param("at", Timestamp.from(now))
            .param("k", team.key())
            .update();
    if (updated == 0) {
      jdbc.sql(
              "INSERT INTO team (team_key, name, created_at, updated_at)"
                  + " VALUES (:k, :name, :at, :at)")
          .param("k", team.key())
          .param("name", team.name())
          .param("at", Timestamp.from(now))
          .update();
    }
    jdbc.sql("DELETE FROM team_member WHERE team_key = :k").param("k", team.key()).update();
    for (Team.Member m : team.members()) {
      jdbc.sql("INSERT INTO team_member (team_key, username, is_lead) VALUES (:k, :u, :lead)")
          .param("k", team.key())
          .param("u", m.username())
          .param("lead", m.lead())
          .update();
    }
    return updated == 0;
  }

  /** The usernames of the active users, by name. */
  List<String> activeUsers() {
    return jdbc.sql("SELECT username FROM app_user WHERE deactivated_at IS NULL ORDER BY username")
        .query(String.class)
        .list();
  }

  /** The stored ladder, lowest level first; empty when never stored. */
  List<StoredLevel> levels() {
    return jdbc.sql("SELECT level_key, name, notify FROM escalation_level ORDER BY rank")
        .query(
            (rs, n) ->
                new StoredLevel(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3).isEmpty() ? List.of() : List.of(rs.getString(3).split(","))))
        .list();
  }

  /** A level as stored; {@code notify} are role keys, team keys or usernames. */
  record StoredLevel(String key, String name, List<String> recipients) {}

  /** Replaces the stored ladder. */
  void replaceLevels(List<StoredLevel> levels, String actor, Instant now) {
    jdbc.sql("DELETE FROM escalation_level").update();
    int rank = 0;
    for (StoredLevel level : levels) {
      jdbc.sql(
              "INSERT INTO escalation_level (rank, level_key, name, notify, updated_at, updated_by)"
                  + " VALUES (:rank, :k, :name, :notify, :at, :by)")
          .param("rank", rank++)
          .param("k", level.key())
          .param("name", level.name())
          .param("notify", String.join(",", level.recipients()))
          .param("at", Timestamp.from(now))
          .param("by", actor)
          .update();
    }
  }
}
