package io.servicebook.server.search;

import io.servicebook.server.web.ConsolePage;
import io.servicebook.server.web.InvalidRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /search}, where the header's box leads: the results grouped as cases, customers and
 * protocols, the filters kept in the address, a page of cases at a time. A wrong filter is said on
 * the page (400), an empty box shows the form alone.
 */
@Controller
@ConsolePage
@PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR', 'AGENT')")
class SearchPageController {

  private final Search search;

  SearchPageController(Search search) {
    this.search = search;
  }

  @GetMapping("/search")
  String page(
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String team,
      @RequestParam(required = false) String channel,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String page,
      Model model,
      HttpServletResponse response) {
    Search.Request request = new Search.Request(q, status, team, channel, from, to, page);
    model.addAttribute("searchQuery", q == null ? "" : q.strip());
    model.addAttribute("statuses", Search.statuses());
    model.addAttribute("channels", Search.channels());
    model.addAttribute("status", blankToEmpty(status));
    model.addAttribute("channel", blankToEmpty(channel));
    model.addAttribute("team", blankToEmpty(team));
    model.addAttribute("from", blankToEmpty(from));
    model.addAttribute("to", blankToEmpty(to));
    if ((q == null || q.isBlank()) && request.filters().isEmpty()) {
      return "search";
    }
    try {
      Search.Results results = search.search(request);
      model.addAttribute("results", results);
      if (results.page() > 1) {
        model.addAttribute(
            "previousPage", link(results.query(), results.filters(), results.page() - 1));
      }
      if (results.hasNext()) {
        model.addAttribute(
            "nextPage", link(results.query(), results.filters(), results.page() + 1));
      }
    } catch (InvalidRequest invalid) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute(
          "errorFields",
          invalid.errors().stream().map(InvalidRequest.FieldError::field).distinct().toList());
    }
    return "search";
  }

  private static String blankToEmpty(String value) {
    return value == null ? "" : value.strip();
  }

  /** The same search on another page, its filters kept. */
  private static String link(String q, Map<String, String> filters, int page) {
    UriComponentsBuilder link = UriComponentsBuilder.fromPath("/search").queryParam("q", q);
    filters.forEach(link::queryParam);
    return link.queryParam("page", page).encode().build().toUriString();
  }
}
