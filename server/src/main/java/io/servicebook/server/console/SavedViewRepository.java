package io.servicebook.server.console;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The agents' saved inbox views, each a name for a query string of the inbox's filters. */
@Repository
class SavedViewRepository {

  /** A saved view: its owner's name for a set of filters. */
  record SavedView(long id, String owner, String name, String query) {}

  private final JdbcClient jdbc;

  SavedViewRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<SavedView> of(String owner) {
    return jdbc.sql(
            "SELECT id, owner, name, query FROM saved_view WHERE owner = :owner"
                + " ORDER BY LOWER(name), id")
        .param("owner", owner)
        .query(SavedView.class)
        .list();
  }

  Optional<SavedView> find(long id, String owner) {
    return jdbc.sql(
            "SELECT id, owner, name, query FROM saved_view WHERE id = :id AND owner = :owner")
        .param("id", id)
        .param("owner", owner)
        .query(SavedView.class)
        .optional();
  }

  boolean nameTaken(String owner, String name, long except) {
    return jdbc.sql(
                "SELECT COUNT(*) FROM saved_view WHERE owner = :owner AND LOWER(name) = LOWER(:name)"
                    + " AND id <> :except")
            .param("owner", owner)
            .param("name", name)
            .param("except", except)
            .query(Long.class)
            .single()
        > 0;
  }

  void insert(String owner, String name, String query, Instant at) {
    jdbc.sql(
            """
            INSERT INTO saved_view (owner, name, query, created_at, updated_at)
            VALUES (:owner, :name, :query, :at, :at)
            """)
        .param("owner", owner)
        .param("name", name)
        .param("query", query)
        .param("at", Timestamp.from(at))
        .update();
  }

  void rename(long id, String name, Instant at) {
    jdbc.sql("UPDATE saved_view SET name = :name, updated_at = :at WHERE id = :id")
        .param("id", id)
        .param("name", name)
        .param("at", Timestamp.from(at))
        .update();
  }

  void delete(long id) {
    jdbc.sql("DELETE FROM saved_view WHERE id = :id").param("id", id).update();
  }
}
