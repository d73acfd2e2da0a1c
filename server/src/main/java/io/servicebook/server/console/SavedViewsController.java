package io.servicebook.server.console;

import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Saved views of the inbox: an agent names the current filters (queue, status, channel, protocol,
 * the customer's language and tier, another team), finds them listed above the inbox, opens,
 * renames and deletes them. Each user has their own.
 */
@Controller
class SavedViewsController {

  /** The inbox's filters a view keeps, in the order its address lists them. */
  static final List<String> FILTERS =
      List.of("queue", "team", "status", "channel", "protocol", "language", "tier");

  static final int MAX_NAME = 100;
  private static final int MAX_VALUE = 200;

  private final SavedViewRepository views;
  private final Clock clock;

  SavedViewsController(SavedViewRepository views, Clock clock) {
    this.views = views;
    this.clock = clock;
  }

  /** The inbox's address for these filters, keeping only the inbox's own, non-empty ones. */
  static String query(Map<String, String> filters) {
    UriComponentsBuilder uri = UriComponentsBuilder.newInstance();
    for (String name : FILTERS) {
      Optional.ofNullable(filters.get(name))
          .map(String::strip)
          .filter(v -> !v.isEmpty() && v.length() <= MAX_VALUE)
          .ifPresent(v -> uri.queryParam(name, v));
    }
    String query = uri.encode().build().getQuery();
    return query == null ? "" : query;
  }

  @PostMapping("/inbox/views")
  String save(@RequestParam Map<String, String> form, Principal me, RedirectAttributes flash) {
    String query = query(form);
    Optional<String> name = name(form.get("name"));
    if (name.isEmpty()) {
      flash.addFlashAttribute("viewError", "savedViews.error.name");
      return back(query);
    }
    if (views.nameTaken(me.getName(), name.get(), -1)) {
      return taken(name.get(), query, flash);
    }
    try {
      views.insert(me.getName(), name.get(), query, clock.instant());
    } catch (DuplicateKeyException raced) {
      return taken(name.get(), query, flash);
    }
    flash.addFlashAttribute("viewNotice", "savedViews.saved");
    flash.addFlashAttribute("viewName", name.get());
    return back(query);
  }

  @PostMapping("/inbox/views/{id}/rename")
  String rename(
      @PathVariable long id,
      @RequestParam(defaultValue = "") String name,
      Principal me,
      RedirectAttributes flash) {
    Optional<SavedViewRepository.SavedView> view = views.find(id, me.getName());
    if (view.isEmpty()) {
      flash.addFlashAttribute("viewError", "savedViews.error.notFound");
      return "redirect:/";
    }
    String query = view.get().query();
    Optional<String> newName = name(name);
    if (newName.isEmpty()) {
      flash.addFlashAttribute("viewError", "savedViews.error.name");
      return back(query);
    }
    if (views.nameTaken(me.getName(), newName.get(), id)) {
      return taken(newName.get(), query, flash);
    }
    views.rename(id, newName.get(), clock.instant());
    flash.addFlashAttribute("viewNotice", "savedViews.renamed");
    flash.addFlashAttribute("viewName", newName.get());
    return back(query);
  }

  @PostMapping("/inbox/views/{id}/delete")
  String delete(@PathVariable long id, Principal me, RedirectAttributes flash) {
    Optional<SavedViewRepository.SavedView> view = views.find(id, me.getName());
    if (view.isEmpty()) {
      flash.addFlashAttribute("viewError", "savedViews.error.notFound");
      return "redirect:/";
    }
    views.delete(id);
    flash.addFlashAttribute("viewNotice", "savedViews.deleted");
    flash.addFlashAttribute("viewName", view.get().name());
    return "redirect:/";
  }

  private static String taken(String name, String query, RedirectAttributes flash) {
    flash.addFlashAttribute("viewError", "savedViews.error.taken");
    flash.addFlashAttribute("viewName", name);
    return back(query);
  }

  private static Optional<String> name(String asked) {
    return Optional.ofNullable(asked)
        .map(String::strip)
        .filter(n -> !n.isEmpty() && n.length() <= MAX_NAME);
  }

  private static String back(String query) {
    return "redirect:/" + (query.isEmpty() ? "" : "?" + query);
  }
}
