package io.servicebook.server.search;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The search entries of cases and customers: made from what is stored of them (a case's subject,
 * its timeline, its runs' captured values, its token), written in the caller's transaction, and
 * read back to show a result.
 */
@Repository
class SearchEntryRepository {

  /** PostgreSQL keeps a tsvector of at most 1 MB: the first 100,000 characters are searched. */
  static final int MAX_BODY = 100_000;

  /**
   * Between a case's text (its timeline, captured values) and what else finds it (token, id, the
   * customer's name, address and phone): a snippet shows the latter only when the words are there.
   * A control character, which both PostgreSQL's parser and Lucene's tokenizer take for a space.
   */
  static final String META = "\n\u001F\n";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String COLUMNS =
      "kind, ref_id, language, title, body, status, team, channel, created_at";

  private final JdbcClient jdbc;
  private final boolean postgres;

  SearchEntryRepository(JdbcClient jdbc, SearchDatabase database) {
    this.jdbc = jdbc;
    this.postgres = database.postgres();
  }

  /** The entries of these cases as they are stored now; a case that does not exist has none. */
  List<SearchEntry> ofCases(Collection<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<String, StringBuilder> texts = new HashMap<>();
    jdbc.sql(
            "SELECT case_id, body FROM case_interaction WHERE case_id IN (:ids) ORDER BY case_id,"
                + " id")
        .param("ids", ids)
        .query(
            (ResultSet rs) -> {
              texts
                  .computeIfAbsent(rs.getString(1), k -> new StringBuilder())
                  .append(rs.getString(2))
                  .append('\n');
            });
    jdbc.sql("SELECT case_id, fields FROM protocol_run WHERE case_id IN (:ids)")
        .param("ids", ids)
        .query(
            (ResultSet rs) -> {
              StringBuilder text = texts.computeIfAbsent(rs.getString(1), k -> new StringBuilder());
              capturedValues(rs.getString(2), text);
            });
    return jdbc.sql(
            """
            SELECT c.id, c.subject, c.status, c.team, c.channel, c.customer_first_name,
                   c.customer_last_name, c.customer_email, c.customer_phone, c.customer_language,
                   c.created_at, r.token
            FROM service_case c LEFT JOIN case_reference r ON r.case_id = c.id
            WHERE c.id IN (:ids)""")
        .param("ids", ids)
        .query(
            (rs, n) -> {
              String id = rs.getString("id");
              // the timeline and captured values first: a result's snippet starts there
              StringBuilder body = new StringBuilder(texts.getOrDefault(id, new StringBuilder()));
              // then what finds the case but is shown elsewhere: token, id, customer
              body.append(META);
              String token = rs.getString("token");
              if (token != null) {
                body.append(token).append(' ').append(token.replace('-', ' ')).append('\n');
              }
              body.append(id).append('\n');
              person(
                  body,
                  rs.getString("customer_first_name") + " " + rs.getString("customer_last_name"),
                  rs.getString("customer_email"),
                  rs.getString("customer_phone"));
              return new SearchEntry(
                  SearchEntry.CASE,
                  id,
                  SearchLanguage.ofTag(rs.getString("customer_language")),
                  rs.getString("subject"),
                  capped(body),
                  rs.getString("status"),
                  rs.getString("team"),
                  rs.getString("channel"),
                  instant(rs, "created_at"));
            })
        .list();
  }

  /** The entries of these customers: their name, address and phone. */
  List<SearchEntry> ofCustomers(Collection<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            "SELECT id, first_name, last_name, email, phone, created_at FROM customer"
                + " WHERE id IN (:ids)")
        .param("ids", ids)
        .query(
            (rs, n) -> {
              StringBuilder body = new StringBuilder();
              person(body, "", rs.getString("email"), rs.getString("phone"));
              return new SearchEntry(
                  SearchEntry.CUSTOMER,
                  rs.getString("id"),
                  SearchLanguage.SIMPLE,
                  (rs.getString("first_name") + " " + rs.getString("last_name")).strip(),
                  body.toString(),
                  null,
                  null,
                  null,
                  instant(rs, "created_at"));
            })
        .list();
  }

  /** A name, an address (also as its two halves) and a phone (also as its digits alone). */
  private static void person(StringBuilder body, String name, String email, String phone) {
    if (!name.isBlank()) {
      body.append(name.strip()).append('\n');
    }
    if (email != null && !email.isBlank()) {
      body.append(email).append(' ').append(email.replace('@', ' ')).append('\n');
    }
    if (phone != null && !phone.isBlank()) {
      body.append(phone).append(' ').append(SearchText.digits(phone)).append('\n');
    }
  }

  /** Each captured value, and a code such as ORD-12345 also as its parts, "ORD 12345". */
  private static void capturedValues(String json, StringBuilder text) {
    Map<String, Map<String, String>> fields =
        JSON.readValue(json, new TypeReference<LinkedHashMap<String, Map<String, String>>>() {});
    fields.forEach(
        (name, typed) -> {
          String value = typed.getOrDefault("value", "");
          text.append(value);
          String parts = value.replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
          if (!parts.equals(value)) {
            text.append(' ').append(parts);
          }
          text.append('\n');
        });
  }

  private static String capped(StringBuilder body) {
    return body.length() > MAX_BODY ? body.substring(0, MAX_BODY) : body.toString();
  }

  private static java.time.Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  /** Writes the entries over what was there. */
  void write(List<SearchEntry> entries) {
    String sql =
        postgres
            ? "INSERT INTO search_entry ("
                + COLUMNS
                + ") VALUES (:kind, :refId, :language, :title, :body, :status, :team, :channel,"
                + " :createdAt) ON CONFLICT (kind, ref_id) DO UPDATE SET language ="
                + " EXCLUDED.language, title = EXCLUDED.title, body = EXCLUDED.body, status ="
                + " EXCLUDED.status, team = EXCLUDED.team, channel = EXCLUDED.channel,"
                + " created_at = EXCLUDED.created_at"
            : "MERGE INTO search_entry ("
                + COLUMNS
                + ") KEY (kind, ref_id) VALUES (:kind, :refId, :language, :title, :body, :status,"
                + " :team, :channel, :createdAt)";
    for (SearchEntry entry : entries) {
      jdbc.sql(sql).params(params(entry)).update();
    }
  }

  /**
   * Writes the entries that are not there yet (the startup's indexing of older cases), leaving
   * alone any that a change wrote meanwhile, which is newer; answers those written.
   */
  List<SearchEntry> writeMissing(List<SearchEntry> entries) {
    List<SearchEntry> written = new ArrayList<>();
    for (SearchEntry entry : entries) {
      String sql =
          "INSERT INTO search_entry ("
              + COLUMNS
              + ") VALUES (:kind, :refId, :language, :title, :body, :status, :team, :channel,"
              + " :createdAt)"
              + (postgres ? " ON CONFLICT (kind, ref_id) DO NOTHING" : "");
      try {
        if (jdbc.sql(sql).params(params(entry)).update() == 1) {
          written.add(entry);
        }
      } catch (DuplicateKeyException alreadyThere) {
        // H2: a change indexed it meanwhile
      }
    }
    return written;
  }

  private static Map<String, Object> params(SearchEntry entry) {
    Map<String, Object> params = new HashMap<>();
    params.put("kind", entry.kind());
    params.put("refId", entry.refId());
    params.put("language", entry.language().config());
    params.put(
        "title", entry.title().length() > 500 ? entry.title().substring(0, 500) : entry.title());
    params.put("body", entry.body());
    params.put("status", entry.status());
    params.put("team", entry.team());
    params.put("channel", entry.channel());
    params.put("createdAt", Timestamp.from(entry.createdAt()));
    return params;
  }

  /** Up to {@code limit} cases (or customers) that have no entry yet, by id. */
  List<String> unindexed(String kind, int limit) {
    String table = kind.equals(SearchEntry.CASE) ? "service_case" : "customer";
    return jdbc.sql(
            "SELECT t.id FROM "
                + table
                + " t WHERE NOT EXISTS (SELECT 1 FROM search_entry e WHERE e.kind = :kind AND"
                + " e.ref_id = t.id) ORDER BY t.id LIMIT :limit")
        .param("kind", kind)
        .param("limit", limit)
        .query(String.class)
        .list();
  }

  /** How many cases (or customers) there are. */
  long count(String kind) {
    String table = kind.equals(SearchEntry.CASE) ? "service_case" : "customer";
    return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
  }

  /** The entries by kind and id, in the order of the ids given. */
  List<SearchEntry> find(String kind, List<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<String, SearchEntry> byId = new HashMap<>();
    // the key as pairs: H2 looks a list of the key's second column up by scanning the first's
    jdbc.sql("SELECT " + COLUMNS + " FROM search_entry WHERE (kind, ref_id) IN (:keys)")
        .param("keys", ids.stream().map(id -> new Object[] {kind, id}).toList())
        .query(SearchEntryRepository::entry)
        .list()
        .forEach(e -> byId.put(e.refId(), e));
    return ids.stream().filter(byId::containsKey).map(byId::get).toList();
  }

  /** What a case result shows besides its entry: the case's token and the customer's name. */
  record CaseFacts(String reference, String customer) {}

  Map<String, CaseFacts> caseFacts(List<String> ids) {
    Map<String, CaseFacts> facts = new HashMap<>();
    if (ids.isEmpty()) {
      return facts;
    }
    jdbc.sql(
            """
            SELECT c.id, r.token, c.customer_first_name, c.customer_last_name
            FROM service_case c LEFT JOIN case_reference r ON r.case_id = c.id
            WHERE c.id IN (:ids)""")
        .param("ids", ids)
        .query(
            (ResultSet rs) -> {
              facts.put(
                  rs.getString(1),
                  new CaseFacts(
                      rs.getString(2), (rs.getString(3) + " " + rs.getString(4)).strip()));
            });
    return facts;
  }

  /** Every entry, for an index kept outside the database to be built from. */
  void each(Consumer<SearchEntry> consumer) {
    jdbc.sql("SELECT " + COLUMNS + " FROM search_entry")
        .query(
            (ResultSet rs) -> {
              consumer.accept(entry(rs, 0));
            });
  }

  private static SearchEntry entry(ResultSet rs, int n) throws SQLException {
    return new SearchEntry(
        rs.getString("kind"),
        rs.getString("ref_id"),
        SearchLanguage.ofConfig(rs.getString("language")),
        rs.getString("title"),
        rs.getString("body"),
        rs.getString("status"),
        rs.getString("team"),
        rs.getString("channel"),
        instant(rs, "created_at"));
  }

  /** PostgreSQL's full-text search over these entries (on PostgreSQL only). */
  SearchEngine postgresSearch(
      TransactionTemplate transactions,
      Clock clock,
      MeterRegistry meters,
      PostgresSearchRepository.Tuning tuning) {
    return new PostgresSearchRepository(jdbc, transactions, clock, meters, tuning);
  }
}
