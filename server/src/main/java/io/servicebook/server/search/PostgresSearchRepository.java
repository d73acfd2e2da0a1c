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
final class PostgresSearchRepository implements SearchEngine {

  private static final String MATCHES =
      " words @@ (plainto_tsquery('english', :q) || plainto_tsquery('german', :q)"
          + " || plainto_tsquery('spanish', :q) || plainto_tsquery('simple', :q))";

  private final JdbcClient jdbc;

  PostgresSearchRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The newest entries looked through first. PostgreSQL's estimate of how many entries a query
   * matches is poor (an order number is taken for 0.75% of a million), and the plan it picks on it
   * either walks all entries newest first for a rare word (seconds) or fetches every entry with a
   * common word to sort them (hundreds of milliseconds). So the plan is chosen here: the newest
   * entries first (a common word fills the page there), else by the GIN index alone (then the word
   * is rare in the newest entries, and so likely in all).
   */
  static final int RECENT = 5_000;

  @Override
  public List<String> cases(SearchCriteria criteria, int offset, int limit) {
    Map<String, Object> params = new HashMap<>();
    String filters = filters(criteria, params);
    params.put("q", criteria.text());
    params.put("limit", limit);
    params.put("offset", offset);
    params.put("recent", RECENT);
    if (offset + limit <= RECENT) {
      List<String> recent =
          jdbc.sql(
                  "SELECT ref_id FROM (SELECT ref_id, created_at, words, status, team, channel"
                      + " FROM search_entry WHERE kind = 'case' ORDER BY kind DESC, created_at"
                      + " DESC, ref_id DESC LIMIT :recent) newest WHERE"
                      + MATCHES
                      + filters
                      + " ORDER BY created_at DESC, ref_id DESC LIMIT :limit OFFSET :offset")
              .params(params)
              .query(String.class)
              .list();
      if (recent.size() == limit) {
        return recent;
      }
    }
    // "+ INTERVAL '0 seconds'": not the created_at index's order, so the GIN index finds the rows
    return jdbc.sql(
            "SELECT ref_id FROM search_entry WHERE kind = 'case' AND"
                + MATCHES
                + filters
                + " ORDER BY created_at + INTERVAL '0 seconds' DESC, ref_id DESC"
                + " LIMIT :limit OFFSET :offset")
        .params(params)
        .query(String.class)
        .list();
  }

  private static String filters(SearchCriteria criteria, Map<String, Object> params) {
    StringBuilder sql = new StringBuilder();
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
    return sql.toString();
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
