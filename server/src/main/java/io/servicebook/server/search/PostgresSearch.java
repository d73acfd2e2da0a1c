package io.servicebook.server.search;

import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL's full-text search over the entries' stemmed words (V40's GIN-indexed tsvector): the
 * query is read in each of the four configurations and any reading may match, as the entry was
 * stemmed in its own language only. Every node asks the same database, so every node answers the
 * same as soon as the change that wrote an entry commits.
 */
final class PostgresSearch implements SearchEngine {

  private static final String MATCHES =
      " words @@ (plainto_tsquery('english', :q) || plainto_tsquery('german', :q)"
          + " || plainto_tsquery('spanish', :q) || plainto_tsquery('simple', :q))";

  private final JdbcClient jdbc;

  PostgresSearch(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<String> cases(SearchCriteria criteria, int offset, int limit) {
    StringBuilder sql =
        new StringBuilder("SELECT ref_id FROM search_entry WHERE kind = 'case' AND");
    sql.append(MATCHES);
    Map<String, Object> params = new HashMap<>();
    params.put("q", criteria.text());
    criteria
        .status()
        .ifPresent(
            s -> {
              sql.append(" AND status = :status");
              params.put("status", s);
            });
    criteria
        .team()
        .ifPresent(
            t -> {
              sql.append(" AND team = :team");
              params.put("team", t);
            });
    criteria
        .channel()
        .ifPresent(
            c -> {
              sql.append(" AND channel = :channel");
              params.put("channel", c);
            });
    criteria
        .from()
        .ifPresent(
            f -> {
              sql.append(" AND created_at >= :from");
              params.put("from", Timestamp.from(f));
            });
    criteria
        .until()
        .ifPresent(
            u -> {
              sql.append(" AND created_at < :until");
              params.put("until", Timestamp.from(u));
            });
    sql.append(" ORDER BY created_at DESC, ref_id DESC LIMIT :limit OFFSET :offset");
    params.put("limit", limit);
    params.put("offset", offset);
    return jdbc.sql(sql.toString()).params(params).query(String.class).list();
  }

  @Override
  public List<String> customers(String text, int limit) {
    return jdbc.sql(
            "SELECT ref_id FROM search_entry WHERE kind = 'customer' AND"
                + MATCHES
                + " ORDER BY created_at DESC, ref_id DESC LIMIT :limit")
        .param("q", text)
        .param("limit", limit)
        .query(String.class)
        .list();
  }
}
