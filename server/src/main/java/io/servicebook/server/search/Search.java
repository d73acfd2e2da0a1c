package io.servicebook.server.search;

import io.servicebook.cases.CaseStatus;
import io.servicebook.protocol.Channel;
import io.servicebook.server.protocols.ProtocolCatalog;
import io.servicebook.server.protocols.PublishedProtocol;
import io.servicebook.server.web.InvalidRequest;
import io.servicebook.server.web.InvalidRequest.FieldError;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * The search over cases, customers and protocols behind the header's box and {@code GET
 * /api/v1/search}: checks the request (every wrong parameter named, nothing searched), asks the
 * engine for the page of cases and the first customers, finds the protocols by title and id, and
 * marks the query's words in what is shown.
 */
@Service
public class Search {

  /** Cases per page. */
  static final int PAGE_SIZE = 20;

  /** Customers and protocols shown at most, on the first page only. */
  static final int OTHERS = 10;

  static final int MAX_QUERY = 200;
  static final int MAX_PAGE = 500;

  private final SearchEngine engine;
  private final SearchEntryRepository entries;
  private final ProtocolCatalog catalog;

  Search(SearchEngine engine, SearchEntryRepository entries, ProtocolCatalog catalog) {
    this.engine = engine;
    this.entries = entries;
    this.catalog = catalog;
  }

  /** The parameters as given, each may be null or blank (not filtered). */
  public record Request(
      String q, String status, String team, String channel, String from, String to, String page) {

    /** The filters given, for links that keep them. */
    Map<String, String> filters() {
      Map<String, String> filters = new java.util.LinkedHashMap<>();
      put(filters, "status", status);
      put(filters, "team", team);
      put(filters, "channel", channel);
      put(filters, "from", from);
      put(filters, "to", to);
      return filters;
    }

    private static void put(Map<String, String> map, String key, String value) {
      if (value != null && !value.isBlank()) {
        map.put(key, value.strip());
      }
    }
  }

  /** A case found, its subject and a snippet of its text with the query's words marked. */
  public record CaseHit(
      String id,
      String reference,
      Highlights.Marked subject,
      Highlights.Marked snippet,
      String status,
      String team,
      String channel,
      String customer,
      Instant createdAt) {}

  /** A customer found: name, then address and phone, marked. */
  public record CustomerHit(
      String id, Highlights.Marked name, Highlights.Marked contact, Instant createdAt) {}

  /** A protocol found by its title or id. */
  public record ProtocolHit(String slug, Highlights.Marked title, Instant publishedAt) {}

  /** A page of results; customers and protocols on the first page only. */
  public record Results(
      String query,
      Map<String, String> filters,
      int page,
      boolean hasNext,
      List<CaseHit> cases,
      List<CustomerHit> customers,
      List<ProtocolHit> protocols) {}

  /** Searches; an {@link InvalidRequest} naming every wrong parameter when the request is wrong. */
  public Results search(Request request) {
    List<FieldError> errors = new ArrayList<>();
    String q = request.q() == null ? "" : request.q().strip();
    if (q.isEmpty()) {
      errors.add(new FieldError("q", "is required: the words to search for."));
    } else if (q.length() > MAX_QUERY) {
      errors.add(new FieldError("q", "must be at most " + MAX_QUERY + " characters."));
    }
    Optional<String> status = blank(request.status()).flatMap(s -> status(s, errors));
    Optional<String> channel = blank(request.channel()).flatMap(c -> channel(c, errors));
    Optional<String> team = blank(request.team());
    if (team.isPresent() && team.get().length() > 100) {
      errors.add(new FieldError("team", "must be at most 100 characters."));
    }
    Optional<LocalDate> from = blank(request.from()).flatMap(d -> date("from", d, errors));
    Optional<LocalDate> to = blank(request.to()).flatMap(d -> date("to", d, errors));
    if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
      errors.add(new FieldError("to", "must not be before from (" + from.get() + ")."));
    }
    int page = blank(request.page()).map(p -> page(p, errors)).orElse(1);
    if (!errors.isEmpty()) {
      throw new InvalidRequest("invalid-search", "The search is not valid", errors);
    }
    String text = SearchText.prepared(q);
    SearchCriteria criteria =
        new SearchCriteria(
            text,
            status,
            team,
            channel,
            from.map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant()),
            to.map(d -> d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
    Highlights.Words words = Highlights.words(text);
    List<String> ids = engine.cases(criteria, (page - 1) * PAGE_SIZE, PAGE_SIZE + 1);
    boolean hasNext = ids.size() > PAGE_SIZE;
    List<String> shown = hasNext ? ids.subList(0, PAGE_SIZE) : ids;
    Map<String, SearchEntryRepository.CaseFacts> facts = entries.caseFacts(shown);
    List<CaseHit> cases =
        entries.find(SearchEntry.CASE, shown).stream()
            .map(
                e -> {
                  SearchEntryRepository.CaseFacts f =
                      facts.getOrDefault(e.refId(), new SearchEntryRepository.CaseFacts(null, ""));
                  return new CaseHit(
                      e.refId(),
                      f.reference(),
                      Highlights.of(e.title(), words),
                      Highlights.snippet(e.body(), words),
                      e.status().toLowerCase(Locale.ROOT),
                      e.team(),
                      e.channel().toLowerCase(Locale.ROOT),
                      f.customer(),
                      e.createdAt());
                })
            .toList();
    boolean others = page == 1 && status.isEmpty() && team.isEmpty() && channel.isEmpty();
    List<CustomerHit> customers =
        others
            ? entries.find(SearchEntry.CUSTOMER, engine.customers(text, OTHERS)).stream()
                .map(
                    e ->
                        new CustomerHit(
                            e.refId(),
                            Highlights.of(e.title(), words),
                            Highlights.of(contact(e.body()), words),
                            e.createdAt()))
                .toList()
            : List.of();
    List<ProtocolHit> protocols = others ? protocols(q) : List.of();
    return new Results(q, request.filters(), page, hasNext, cases, customers, protocols);
  }

  /** A customer entry's body is its address, address halves, phone and digits: shown the first. */
  private static String contact(String body) {
    return Arrays.stream(body.split("\n"))
        .map(line -> line.split(" ", 2)[0])
        .filter(s -> !s.isBlank())
        .collect(Collectors.joining(" · "));
  }

  /** Protocols whose title or id has every word (stemmed in some language), newest first. */
  private List<ProtocolHit> protocols(String q) {
    String lower = q.toLowerCase(Locale.ROOT);
    return catalog.latestOfEach().stream()
        .filter(
            p ->
                p.slug().equalsIgnoreCase(q)
                    || hasEvery(p.title() + " " + p.slug().replace('-', ' '), lower))
        .sorted(Comparator.comparing(PublishedProtocol::publishedAt).reversed())
        .limit(OTHERS)
        .map(
            p ->
                new ProtocolHit(
                    p.slug(), Highlights.of(p.title(), Highlights.words(q)), p.publishedAt()))
        .toList();
  }

  private static boolean hasEvery(String text, String q) {
    for (SearchLanguage language : SearchLanguage.values()) {
      var wanted = SearchText.terms(language, q);
      if (!wanted.isEmpty() && SearchText.terms(language, text).containsAll(wanted)) {
        return true;
      }
    }
    return false;
  }

  private static Optional<String> blank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  private static Optional<String> status(String value, List<FieldError> errors) {
    for (CaseStatus s : CaseStatus.values()) {
      if (s.key().equalsIgnoreCase(value)) {
        return Optional.of(s.name());
      }
    }
    errors.add(
        new FieldError(
            "status",
            "must be one of "
                + Arrays.stream(CaseStatus.values()).map(CaseStatus::key).toList()
                + "."));
    return Optional.empty();
  }

  private static Optional<String> channel(String value, List<FieldError> errors) {
    for (Channel c : Channel.values()) {
      if (c.name().equalsIgnoreCase(value)) {
        return Optional.of(c.name());
      }
    }
    errors.add(
        new FieldError(
            "channel",
            "must be one of "
                + Arrays.stream(Channel.values())
                    .map(c -> c.name().toLowerCase(Locale.ROOT))
                    .toList()
                + "."));
    return Optional.empty();
  }

  private static Optional<LocalDate> date(String field, String value, List<FieldError> errors) {
    try {
      return Optional.of(LocalDate.parse(value));
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(field, "must be a date such as 2026-03-31."));
      return Optional.empty();
    }
  }

  private static int page(String value, List<FieldError> errors) {
    try {
      int page = Integer.parseInt(value);
      if (page >= 1 && page <= MAX_PAGE) {
        return page;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(new FieldError("page", "must be a whole number from 1 to " + MAX_PAGE + "."));
    return 1;
  }

  /** The statuses and channels a filter offers, by key. */
  public static List<String> statuses() {
    return Arrays.stream(CaseStatus.values()).map(CaseStatus::key).toList();
  }

  public static List<String> channels() {
    return Arrays.stream(Channel.values()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
  }
}
