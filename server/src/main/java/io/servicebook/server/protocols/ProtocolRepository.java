package io.servicebook.server.protocols;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Protocol versions and pack documents in SQL. */
@Repository
class ProtocolRepository {

  private static final String COLUMNS =
      """
      slug, version, title, owner, audience, priority, source_file, source, content_hash,
      published_at, published_by
      """;

  private final JdbcClient jdbc;

  ProtocolRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<PublishedProtocol> latest(String slug) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM protocol_version WHERE slug = :slug ORDER BY version DESC LIMIT 1")
        .param("slug", slug)
        .query(ProtocolRepository::row)
        .optional();
  }

  Optional<PublishedProtocol> version(String slug, int version) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM protocol_version WHERE slug = :slug AND version = :version")
        .param("slug", slug)
        .param("version", version)
        .query(ProtocolRepository::row)
        .optional();
  }

  List<PublishedProtocol> latestOfEach() {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + """
                FROM protocol_version p
                WHERE version = (SELECT MAX(version) FROM protocol_version q WHERE q.slug = p.slug)
                ORDER BY slug
                """)
        .query(ProtocolRepository::row)
        .list();
  }

  /** Changes exactly when a version is published (versions are only ever added). */
  String versionsState() {
    return jdbc.sql("SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) FROM protocol_version")
        .query(String.class)
        .single();
  }

  /** The pack's documents without their text: enough to tell whether any changed. */
  List<String> documentHashes() {
    return jdbc.sql("SELECT kind, name, content_hash FROM pack_document ORDER BY kind, name")
        .query((rs, n) -> rs.getString(1) + ":" + rs.getString(2) + ":" + rs.getString(3))
        .list();
  }

  List<Integer> versions(String slug) {
    return jdbc.sql("SELECT version FROM protocol_version WHERE slug = :slug ORDER BY version")
        .param("slug", slug)
        .query(Integer.class)
        .list();
  }

  void insert(PublishedProtocol p) {
    jdbc.sql(
            """
            INSERT INTO protocol_version
              (slug, version, title, owner, audience, priority, source_file, source, content_hash,
               published_at, published_by)
            VALUES (:slug, :version, :title, :owner, :audience, :priority, :sourceFile, :source,
                    :contentHash, :publishedAt, :publishedBy)
            """)
        .param("slug", p.slug())
        .param("version", p.version())
        .param("title", p.title())
        .param("owner", p.owner())
        .param("audience", p.audience())
        .param("priority", p.priority())
        .param("sourceFile", p.sourceFile())
        .param("source", p.source())
        .param("contentHash", p.contentHash())
        .param("publishedAt", Timestamp.from(p.publishedAt()))
        .param("publishedBy", p.publishedBy())
        .update();
  }

  /** A calendar or fragment of the pack: its latest text by name. */
  record PackDocument(
      String kind, String name, String sourceFile, String source, String contentHash) {}

  List<PackDocument> documents() {
    return jdbc.sql(
            "SELECT kind, name, source_file, source, content_hash FROM pack_document ORDER BY kind, name")
        .query(
            (rs, n) ->
                new PackDocument(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5)))
        .list();
  }

  /** Stores a document's text; true when it was new or changed. */
  boolean upsertDocument(PackDocument d, java.time.Instant at) {
    Optional<String> hash =
        jdbc.sql("SELECT content_hash FROM pack_document WHERE kind = :kind AND name = :name")
            .param("kind", d.kind())
            .param("name", d.name())
            .query(String.class)
            .optional();
    if (hash.isPresent() && hash.get().equals(d.contentHash())) {
      return false;
    }
    String sql =
        hash.isPresent()
            ? """
          UPDATE pack_document SET source_file = :file, source = :source, content_hash = :hash,
            updated_at = :at WHERE kind = :kind AND name = :name
          """
            : """
          INSERT INTO pack_document (kind, name, source_file, source, content_hash, updated_at)
          VALUES (:kind, :name, :file, :source, :hash, :at)
          """;
    jdbc.sql(sql)
        .param("kind", d.kind())
        .param("name", d.name())
        .param("file", d.sourceFile())
        .param("source", d.source())
        .param("hash", d.contentHash())
        .param("at", Timestamp.from(at))
        .update();
    return true;
  }

  private static PublishedProtocol row(ResultSet rs, int n) throws SQLException {
    return new PublishedProtocol(
        rs.getString("slug"),
        rs.getInt("version"),
        rs.getString("title"),
        rs.getString("owner"),
        rs.getString("audience"),
        rs.getInt("priority"),
        rs.getString("source_file"),
        rs.getString("source"),
        rs.getString("content_hash"),
        rs.getTimestamp("published_at").toInstant(),
        rs.getString("published_by"));
  }
}
