package io.servicebook.server.console;

import io.servicebook.cases.CaseStatus;
import io.servicebook.protocol.Channel;
import io.servicebook.server.cases.Cases;
import io.servicebook.server.protocols.ProtocolCatalog;
import io.servicebook.server.protocols.PublishedProtocol;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The inbox at {@code /}: the agent's queues as tabs, filters by status, channel, protocol and the
 * customer's language and tier, and the first page of cases; htmx asks for the table alone when a
 * filter changes. {@code ?team=} shows another team's queue (the supervisor view links there)
 * instead of the user's own.
 */
@Controller
class InboxController {

  private final Inbox inbox;
  private final ProtocolCatalog catalog;
  private final SignedIn signedIn;
  private final Cases cases;
  private final SavedViewRepository views;

  InboxController(
      Inbox inbox,
      ProtocolCatalog catalog,
      SignedIn signedIn,
      Cases cases,
      SavedViewRepository views) {
    this.cases = cases;
    this.views = views;
    this.inbox = inbox;
    this.catalog = catalog;
    this.signedIn = signedIn;
  }

  /** A saved view as the inbox lists it: its address, and whether it is what the inbox shows. */
  record View(long id, String name, String href, boolean current) {}

  /** A tab of the inbox and its address, which keeps the filters. */
  record Tab(String key, boolean current, String href) {}

  @GetMapping("/")
  String inbox(
      @RequestParam Optional<String> queue,
      @RequestParam Optional<String> status,
      @RequestParam Optional<String> channel,
      @RequestParam Optional<String> protocol,
      @RequestParam Optional<String> language,
      @RequestParam Optional<String> tier,
      @RequestParam Optional<String> cursor,
      @RequestParam(name = "team") Optional<String> teamAsked,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      Principal principal,
      Model model) {
    SignedIn.Me me = signedIn.me(principal);
    Optional<String> asked = teamAsked.map(String::strip).filter(t -> !t.isEmpty());
    Optional<String> team = asked.or(() -> inbox.teamOf(me.username()));
    List<Inbox.Queue> queues = new ArrayList<>(Arrays.asList(Inbox.Queue.values()));
    if (team.isEmpty()) {
      queues.remove(Inbox.Queue.TEAM);
    }
    if (!me.oversees()) {
      queues.remove(Inbox.Queue.APPROVALS);
    }
    Inbox.Queue current =
        queue.flatMap(Inbox.Queue::of).filter(queues::contains).orElse(Inbox.Queue.MINE);
    Inbox.Filters filters =
        new Inbox.Filters(
            option(status, CaseStatus.values(), CaseStatus::key),
            option(channel, Channel.values(), Channel::key),
            protocol.filter(p -> !p.isBlank()),
            lowerCase(language),
            lowerCase(tier),
            cursor.filter(c -> !c.isBlank()));
    Inbox.Page page = inbox.page(current, me.username(), team, filters);
    Function<Inbox.Queue, UriComponentsBuilder> link =
        q -> {
          UriComponentsBuilder uri =
              UriComponentsBuilder.fromPath("/").queryParam("queue", q.key());
          if (q == Inbox.Queue.TEAM) {
            asked.ifPresent(t -> uri.queryParam("team", t));
          }
          filters.status().ifPresent(v -> uri.queryParam("status", v.key()));
          filters.channel().ifPresent(v -> uri.queryParam("channel", v.key()));
          filters.protocol().ifPresent(v -> uri.queryParam("protocol", v));
          filters.language().ifPresent(v -> uri.queryParam("language", v));
          filters.tier().ifPresent(v -> uri.queryParam("tier", v));
          return uri;
        };
    model.addAttribute(
        "tabs",
        queues.stream()
            .map(q -> new Tab(q.key(), q == current, link.apply(q).encode().build().toUriString()))
            .toList());
    model.addAttribute("firstHref", link.apply(current).encode().build().toUriString());
    model.addAttribute(
        "nextHref",
        page.next()
            .map(n -> link.apply(current).queryParam("cursor", n).encode().build().toUriString())
            .orElse(""));
    String viewQuery = link.apply(current).encode().build().getQuery();
    model.addAttribute(
        "views",
        views.of(me.username()).stream()
            .map(v -> new View(v.id(), v.name(), "/?" + v.query(), v.query().equals(viewQuery)))
            .toList());
    model.addAttribute("queue", current.key());
    model.addAttribute("team", team.orElse(""));
    model.addAttribute("teamAsked", asked.orElse(""));
    model.addAttribute("rows", page.rows());
    model.addAttribute("next", page.next().orElse(""));
    model.addAttribute("status", filters.status().map(CaseStatus::key).orElse(""));
    model.addAttribute("channel", filters.channel().map(Channel::key).orElse(""));
    model.addAttribute("protocol", filters.protocol().orElse(""));
    model.addAttribute("language", filters.language().orElse(""));
    model.addAttribute("tier", filters.tier().orElse(""));
    model.addAttribute(
        "filtered",
        filters.status().isPresent()
            || filters.channel().isPresent()
            || filters.protocol().isPresent()
            || filters.language().isPresent()
            || filters.tier().isPresent());
    Cases.CustomerFacets facets = cases.customerFacets();
    model.addAttribute("languages", facets.languages());
    model.addAttribute("tiers", facets.tiers());
    model.addAttribute("paged", filters.cursor().isPresent());
    model.addAttribute(
        "statuses", Arrays.stream(CaseStatus.values()).map(CaseStatus::key).toList());
    model.addAttribute("channels", Arrays.stream(Channel.values()).map(Channel::key).toList());
    model.addAttribute(
        "protocols",
        catalog.latestOfEach().stream()
            .sorted(Comparator.comparing(PublishedProtocol::title))
            .toList());
    return htmx != null ? "inbox :: results" : "inbox";
  }

  private static Optional<String> lowerCase(Optional<String> text) {
    return text.map(t -> t.strip().toLowerCase(Locale.ROOT)).filter(t -> !t.isEmpty());
  }

  static <E> Optional<E> option(
      Optional<String> text, E[] options, java.util.function.Function<E, String> key) {
    return text.flatMap(
        t -> Arrays.stream(options).filter(o -> key.apply(o).equals(t.strip())).findFirst());
  }
}
