package io.servicebook.server.protocols;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Protocol drafts in SQL; a draft row is written once and only marked published later. */
@Repository
class DraftRepository {

  private static final String COLUMNS =
      """
      id, slug, based_on, title, source, content_hash, warnings, saved_at, saved_by,
      published_version, published_by
      """;

  private final JdbcClient jdbc;

  DraftRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(
      String slug,
      Optional<Integer> basedOn,
      String title,
      String source,
      String hash,
      int warnings,
      Instant at,
      String by) {
    var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
    jdbc.sql(
            """
            INSERT INTO protocol_draft
              (slug, based_on, title, source, content_hash, warnings, saved_at, saved_by)
            VALUES (:slug, :basedOn, :title, :source, :hash, :warnings, :at, :by)
            """)
        .param("slug", slug)
        .param("basedOn", basedOn.orElse(null))
        .param("title", title)
        .param("source", source)
        .param("hash", hash)
        .param("warnings", warnings)
        .param("at", Timestamp.from(at))
        .param("by", by)
        .update(keys, "id");
    return keys.getKeyAs(Number.class).longValue();
  }

  Optional<ProtocolDraft> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM protocol_draft WHERE id = :id")
        .param("id", id)
        .query(DraftRepository::row)
        .optional();
  }

  /** The protocol's drafts, newest first. */
  List<ProtocolDraft> of(String slug, int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM protocol_draft WHERE slug = :slug ORDER BY id DESC LIMIT "
                + limit)
        .param("slug", slug)
        .query(DraftRepository::row)
        .list();
  }

  /** Drafts not published yet, newest first. */
  List<ProtocolDraft> waiting(int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM protocol_draft WHERE published_version IS NULL ORDER BY id DESC LIMIT "
                + limit)
        .query(DraftRepository::row)
        .list();
  }

  /** Marks the draft published; false when another reviewer was first. */
  boolean markPublished(long id, int version, String by, Instant at) {
    return jdbc.sql(
                """
                UPDATE protocol_draft
                SET published_version = :version, published_by = :by, published_at = :at
                WHERE id = :id AND published_version IS NULL
                """)
            .param("id", id)
            .param("version", version)
            .param("by", by)
            .param("at", Timestamp.from(at))
            .update()
        == 1;
  }

  private static ProtocolDraft row(ResultSet rs, int n) throws SQLException {
    return new ProtocolDraft(
        rs.getLong("id"),
        rs.getString("slug"),
        Optional.ofNullable((Integer) rs.getObject("based_on", Integer.class)),
        rs.getString("title"),
        rs.getString("source"),
        rs.getString("content_hash"),
        rs.getInt("warnings"),
        rs.getTimestamp("saved_at").toInstant(),
        rs.getString("saved_by"),
        Optional.ofNullable(rs.getObject("published_version", Integer.class)),
        Optional.ofNullable(rs.getString("published_by")));
  }
}
