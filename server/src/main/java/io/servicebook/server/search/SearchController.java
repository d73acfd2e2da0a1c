package io.servicebook.server.search;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/search?q=…}: cases (newest first, a page at a time), customers and protocols
 * that have every word of {@code q}; the words' places in what is shown as character offsets
 * ({@code marks}, start inclusive, end exclusive). Agents, supervisors and admins.
 */
@RestController
class SearchController {

  private static final String WORKERS = "hasAnyRole('ADMIN', 'SUPERVISOR', 'AGENT')";

  private final Search search;

  SearchController(Search search) {
    this.search = search;
  }

  @GetMapping("/api/v1/search")
  @PreAuthorize(WORKERS)
  Map<String, Object> search(
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String team,
      @RequestParam(required = false) String channel,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String page) {
    Search.Results results =
        search.search(new Search.Request(q, status, team, channel, from, to, page));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("query", results.query());
    body.put("filters", results.filters());
    body.put("page", results.page());
    body.put("next_page", results.hasNext() ? results.page() + 1 : null);
    body.put("cases", results.cases().stream().map(SearchController::view).toList());
    body.put("customers", results.customers().stream().map(SearchController::view).toList());
    body.put("protocols", results.protocols().stream().map(SearchController::view).toList());
    return body;
  }

  private static Map<String, Object> view(Search.CaseHit hit) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", hit.id());
    view.put("reference", hit.reference());
    view.put("subject", marked(hit.subject()));
    view.put("snippet", marked(hit.snippet()));
    view.put("status", hit.status());
    view.put("team", hit.team());
    view.put("channel", hit.channel());
    view.put("customer", hit.customer());
    view.put("created_at", hit.createdAt().toString());
    return view;
  }

  private static Map<String, Object> view(Search.CustomerHit hit) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", hit.id());
    view.put("name", marked(hit.name()));
    view.put("contact", marked(hit.contact()));
    view.put("created_at", hit.createdAt().toString());
    return view;
  }

  private static Map<String, Object> view(Search.ProtocolHit hit) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("slug", hit.slug());
    view.put("title", marked(hit.title()));
    view.put("published_at", hit.publishedAt().toString());
    return view;
  }

  private static Map<String, Object> marked(Highlights.Marked marked) {
    Map<String, Object> view = new HashMap<>();
    view.put("text", marked.text());
    view.put("marks", marked.marks().stream().map(m -> List.of(m.start(), m.end())).toList());
    return view;
  }
}
