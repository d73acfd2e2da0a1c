package io.servicebook.server.search;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * PostgreSQL's full-text search over the entries' stemmed words (V40's GIN-indexed tsvector): the
 * query is read in each of the four configurations and any reading may match, as the entry was
 * stemmed in its own language only. The entry's status, team and channel are words of the vector
 * too, and cases and customers have a GIN index each (V51), so a filter or the kind narrows the
 * index's answer before a row is read. Every node asks the same database, so every node answers the
 * same as soon as the change that wrote an entry commits.
 *
 * <p>The newest matching entries are wanted, and PostgreSQL can either walk the entries newest
 * first (fast when the words are common) or take every match from the GIN index and sort them (fast
 * when they are rare); its estimate of how common the words are is poor, so the plan is chosen
 * here, in three phases that each answer exactly or give way to the next:
 *
 * <ol>
 *   <li><b>newest</b>: the newest {@link Tuning#newest} entries (of the time range, if one is
 *       given) are looked through: a common word fills the page there, in a few milliseconds;
 *   <li><b>window</b>: the matches among the newest {@link Tuning#window} entries, which the GIN
 *       index finds by the tags of the days (or weeks) they were made in (the entry at that depth
 *       is looked up now and then and kept for {@link Tuning#refresh}): enough there, and no older
 *       entry can be among the first. Passed over when the newest entries held so few matches that
 *       the window would not fill the page either;
 *   <li><b>index</b>: every match, from the GIN index alone; reached only when the words are rare
 *       among the newest entries, and so few in all.
 * </ol>
 *
 * A search runs in one read-only transaction with PostgreSQL's JIT compiler off (the plans are
 * short, and compiling one would take longer than running it), without parallel workers (starting
 * them takes longer too), and without reading the whole table: the planner takes a word common in
 * cases for common in customers too (its statistics are of the column, not of each kind), and would
 * rather read every entry than ask the customers' GIN index, which has none.
 */
final class PostgresSearchRepository implements SearchEngine {

  /** How deep each phase looks; the defaults suit a million entries and fewer. */
  record Tuning(int newest, int window, Duration refresh) {

    Tuning {
      if (newest < 1 || window <= newest || refresh.isNegative()) {
        throw new IllegalArgumentException(
            "servicebook.search.postgres: newest must be at least 1 and less than window, and"
                + " refresh not negative; got newest "
                + newest
                + ", window "
                + window
                + ", refresh "
                + refresh);
      }
    }
  }

  /** Which phase answered a search. */
  enum Phase {
    NEWEST,
    WINDOW,
    INDEX
  }

  private static final String WORDS =
      "(plainto_tsquery('english', :q) || plainto_tsquery('german', :q)"
          + " || plainto_tsquery('spanish', :q) || plainto_tsquery('simple', :q))";

  /** The words; an entry of no words would match every entry, so such a query matches none. */
  private static final String MATCHES = " words @@ " + WORDS + " AND numnode(" + WORDS + ") > 0";

  /** The words and the filters, as the tags V51 adds to every vector. */
  private static final String MATCHES_TAGGED =
      " words @@ (" + WORDS + " && CAST(:tags AS tsquery)) AND numnode(" + WORDS + ") > 0";

  private final JdbcClient jdbc;
  private final TransactionTemplate readOnly;
  private final Clock clock;
  private final Tuning tuning;
  private final Map<String, Map<Phase, Counter>> answered = new HashMap<>();
  private final Map<String, Depth> depths = new ConcurrentHashMap<>();

  /**
   * Where the window of a kind starts and its newest entry (empty: it has fewer entries than the
   * window), and when that was seen.
   */
  private record Depth(Optional<Instant> since, Optional<Instant> newest, Instant seenAt) {}

  /**
   * A search of one kind: {@code kind} names the kind and, as a literal, lets PostgreSQL use that
   * kind's GIN index; {@code tags} are the filters as tsquery terms, {@code filters} the conditions
   * on the time, with their parameters.
   */
  private record Wanted(
      String kind,
      List<String> tags,
      String filters,
      Map<String, Object> params,
      int offset,
      int limit) {}

  PostgresSearchRepository(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      Clock clock,
      MeterRegistry meters,
      Tuning tuning) {
    this.jdbc = jdbc;
    this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
    this.readOnly.setReadOnly(true);
    this.clock = clock;
    this.tuning = tuning;
    for (String kind : List.of(SearchEntry.CASE, SearchEntry.CUSTOMER)) {
      Map<Phase, Counter> byPhase = new EnumMap<>(Phase.class);
      for (Phase phase : Phase.values()) {
        byPhase.put(
            phase,
            Counter.builder("servicebook.search.queries")
                .description(
                    "Searches on PostgreSQL, by the kind searched and the phase that answered")
                .tag("kind", kind)
                .tag("phase", phase.name().toLowerCase(java.util.Locale.ROOT))
                .register(meters));
      }
      answered.put(kind, byPhase);
    }
  }

  @Override
  public List<String> cases(SearchCriteria criteria, int offset, int limit) {
    Map<String, Object> params = new HashMap<>();
    params.put("q", criteria.text());
    List<String> tags = new ArrayList<>();
    criteria.status().ifPresent(s -> tags.add(tag("status", s)));
    criteria.team().ifPresent(t -> tags.add(tag("team", t)));
    criteria.channel().ifPresent(c -> tags.add(tag("channel", c)));
    StringBuilder filters = new StringBuilder();
    criteria
        .from()
        .ifPresent(
            f -> {
              filters.append(" AND created_at >= :from");
              params.put("from", Timestamp.from(f));
            });
    criteria
        .until()
        .ifPresent(
            u -> {
              filters.append(" AND created_at < :until");
              params.put("until", Timestamp.from(u));
            });
    return search(new Wanted(SearchEntry.CASE, tags, filters.toString(), params, offset, limit));
  }

  @Override
  public List<String> customers(String text, int limit) {
    Map<String, Object> params = new HashMap<>();
    params.put("q", text);
    return search(new Wanted(SearchEntry.CUSTOMER, List.of(), "", params, 0, limit));
  }

  private List<String> search(Wanted wanted) {
    Map<String, Object> params = wanted.params();
    params.put("limit", wanted.limit());
    params.put("offset", wanted.offset());
    int depth = wanted.offset() + wanted.limit();
    return readOnly.execute(
        tx -> {
          jdbc.sql(
                  "SELECT set_config('jit', 'off', true), set_config('enable_seqscan', 'off', true),"
                      + " set_config('max_parallel_workers_per_gather', '0', true)")
              .query((rs, n) -> n)
              .single();
          boolean windowMayFill = depth <= tuning.window();
          if (depth <= tuning.newest()) {
            params.put("newest", tuning.newest());
            List<String> found =
                jdbc.sql(
                        "SELECT ref_id FROM (SELECT ref_id, created_at, words FROM search_entry"
                            + kindIs(wanted)
                            + wanted.filters()
                            + " ORDER BY kind DESC, created_at DESC, ref_id DESC"
                            + " LIMIT :newest) newest WHERE"
                            + matching(wanted.tags(), params)
                            + " ORDER BY created_at DESC, ref_id DESC LIMIT :limit OFFSET :offset")
                    .params(params)
                    .query(String.class)
                    .list();
            if (found.size() == wanted.limit()) {
              return answered(wanted, Phase.NEWEST, found);
            }
            // as many in the window, in proportion, would still not fill the page
            if (wanted.offset() == 0
                && (long) found.size() * tuning.window() < (long) depth * tuning.newest()) {
              windowMayFill = false;
            }
          }
          Optional<Window> window = windowMayFill ? window(wanted.kind()) : Optional.empty();
          if (window.isPresent()) {
            params.put("since", Timestamp.from(window.get().since()));
            List<String> tags = new ArrayList<>(wanted.tags());
            tags.add(window.get().periods());
            List<String> found = matches(wanted, tags, " AND created_at >= :since");
            if (found.size() == wanted.limit()) {
              return answered(wanted, Phase.WINDOW, found);
            }
          }
          return answered(wanted, Phase.INDEX, matches(wanted, wanted.tags(), ""));
        });
  }

  /**
   * The matches, from the GIN index: "+ INTERVAL '0 seconds'" is not the time index's order, so
   * PostgreSQL does not walk that index newest first and test every entry on the way.
   */
  private List<String> matches(Wanted wanted, List<String> tags, String since) {
    return jdbc.sql(
            "SELECT ref_id FROM search_entry"
                + kindIs(wanted)
                + " AND"
                + matching(tags, wanted.params())
                + since
                + wanted.filters()
                + " ORDER BY created_at + INTERVAL '0 seconds' DESC, ref_id DESC"
                + " LIMIT :limit OFFSET :offset")
        .params(wanted.params())
        .query(String.class)
        .list();
  }

  /** The match of the words and the tags, whose query text goes into {@code params}. */
  private static String matching(List<String> tags, Map<String, Object> params) {
    if (tags.isEmpty()) {
      return MATCHES;
    }
    params.put("tags", String.join(" & ", tags));
    return MATCHES_TAGGED;
  }

  /** The kind as a literal: PostgreSQL picks a partial index only for a condition it can read. */
  private static String kindIs(Wanted wanted) {
    return switch (wanted.kind()) {
      case SearchEntry.CASE -> " WHERE kind = 'case'";
      case SearchEntry.CUSTOMER -> " WHERE kind = 'customer'";
      default -> throw new IllegalArgumentException("no such kind of entry: " + wanted.kind());
    };
  }

  private List<String> answered(Wanted wanted, Phase phase, List<String> found) {
    answered.get(wanted.kind()).get(phase).increment();
    return found;
  }

  /**
   * The window as the days (or weeks) its entries were made in: one tag each, ORed, so that the GIN
   * index alone narrows a search to them (PostgreSQL does not combine it with the time index when
   * it guesses a word common). From the day of the entry {@link Tuning#window} deep to the day
   * after today, as an entry made since the depth was looked up (or on a node whose clock is ahead)
   * is newer. Empty when the kind has fewer entries than the window, or they span more than 60
   * weeks.
   */
  private Optional<Window> window(String kind) {
    Depth depth = depth(kind);
    if (depth.since().isEmpty()) {
      return Optional.empty();
    }
    long from = depth.since().get().getEpochSecond();
    long to = Math.max(clock.instant().getEpochSecond(), depth.newest().get().getEpochSecond());
    for (Period period : Period.values()) {
      long first = Math.floorDiv(from, period.seconds);
      long last = Math.floorDiv(to, period.seconds) + 1;
      if (last - first < period.most) {
        List<String> tags = new ArrayList<>();
        for (long n = first; n <= last; n++) {
          tags.add(tag(period.name, Long.toString(n)));
        }
        return Optional.of(new Window(depth.since().get(), "(" + String.join(" | ", tags) + ")"));
      }
    }
    return Optional.empty();
  }

  /** The window: its first entry's time, and the tags of the periods from there on, ORed. */
  private record Window(Instant since, String periods) {}

  /**
   * The periods V51 tags every entry with (by seconds since 1970), and how many a window may OR.
   */
  private enum Period {
    DAY("day", 86_400, 45),
    WEEK("week", 604_800, 60);

    final String name;
    final long seconds;
    final long most;

    Period(String name, long seconds, long most) {
      this.name = name;
      this.seconds = seconds;
      this.most = most;
    }
  }

  /** How deep the window reaches, looked up now and then: it moves slowly. */
  private Depth depth(String kind) {
    Instant now = clock.instant();
    Depth depth = depths.get(kind);
    if (depth == null || depth.seenAt().plus(tuning.refresh()).isBefore(now)) {
      Optional<Instant> since =
          jdbc.sql(
                  "SELECT created_at FROM search_entry WHERE kind = :kind"
                      + " ORDER BY kind DESC, created_at DESC, ref_id DESC OFFSET :window LIMIT 1")
              .param("kind", kind)
              .param("window", tuning.window())
              .query(Timestamp.class)
              .optional()
              .map(Timestamp::toInstant);
      Optional<Instant> newest =
          since.isEmpty()
              ? Optional.empty()
              : jdbc.sql(
                      "SELECT created_at FROM search_entry WHERE kind = :kind"
                          + " ORDER BY kind DESC, created_at DESC, ref_id DESC LIMIT 1")
                  .param("kind", kind)
                  .query(Timestamp.class)
                  .optional()
                  .map(Timestamp::toInstant);
      depth = new Depth(since, newest, now);
      depths.put(kind, depth);
    }
    return depth;
  }

  /**
   * A tag as a tsquery term: quoted, so that a team's name is one word whatever it holds. V51
   * writes the same tags with array_to_tsvector, which keeps each as it is.
   */
  static String tag(String name, String value) {
    String word = "~" + name + "~" + value;
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'";
  }
}
