package io.servicebook.server.protocols;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Confirmations that a published protocol version is still right, in SQL. */
@Repository
class ReviewRepository {

  private static final String COLUMNS = "id, slug, version, reviewed_by, reviewed_at, note";

  private final JdbcClient jdbc;

  ReviewRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(String slug, int version, String by, Instant at, String note) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            """
            INSERT INTO protocol_review (slug, version, reviewed_by, reviewed_at, note)
            VALUES (:slug, :version, :by, :at, :note)
            """)
        .param("slug", slug)
        .param("version", version)
        .param("by", by)
        .param("at", Timestamp.from(at))
        .param("note", note)
        .update(key, "id");
    return key.getKey().longValue();
  }

  /** The protocol's confirmations, newest first. */
  List<ProtocolReview> of(String slug) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM protocol_review WHERE slug = :slug ORDER BY id DESC")
        .param("slug", slug)
        .query(ReviewRepository::row)
        .list();
  }

  Optional<ProtocolReview> latest(String slug) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM protocol_review WHERE slug = :slug ORDER BY id DESC LIMIT 1")
        .param("slug", slug)
        .query(ReviewRepository::row)
        .optional();
  }

  /** The latest confirmation of each protocol that has one. */
  List<ProtocolReview> latestOfEach() {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + """
                 FROM protocol_review r
                WHERE id = (SELECT MAX(id) FROM protocol_review q WHERE q.slug = r.slug)
                """)
        .query(ReviewRepository::row)
        .list();
  }

  private static ProtocolReview row(ResultSet rs, int n) throws SQLException {
    return new ProtocolReview(
        rs.getLong("id"),
        rs.getString("slug"),
        rs.getInt("version"),
        rs.getString("reviewed_by"),
        rs.getTimestamp("reviewed_at").toInstant(),
        Optional.ofNullable(rs.getString("note")));
  }
}
