package io.servicebook.server.console;

import io.servicebook.server.protocols.ProtocolDrafts;
import io.servicebook.server.protocols.ProtocolReviews;
import io.servicebook.server.suggestions.StepSuggestions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The protocol pages for anyone signed in: {@code /protocols} lists the published protocols with
 * their lint status and review date ({@code ?review=due}: only those due within two weeks or
 * overdue), {@code /protocols/{slug}} shows one version for reading, where its owner, a reviewer or
 * an admin confirms that it is still right ("reviewed, no change").
 */
@Controller
class ProtocolPagesController {

  private final ProtocolPages pages;
  private final ProtocolDrafts drafts;
  private final StepSuggestions suggestions;
  private final ProtocolReviews reviews;

  ProtocolPagesController(
      ProtocolPages pages,
      ProtocolDrafts drafts,
      StepSuggestions suggestions,
      ProtocolReviews reviews) {
    this.pages = pages;
    this.drafts = drafts;
    this.suggestions = suggestions;
    this.reviews = reviews;
  }

  @GetMapping("/protocols")
  String list(@RequestParam Optional<String> review, Model model) {
    boolean dueOnly = review.filter("due"::equals).isPresent();
    model.addAttribute("rows", pages.list(dueOnly));
    model.addAttribute("dueOnly", dueOnly);
    model.addAttribute("drafts", drafts.waiting());
    return "protocols";
  }

  /** "Reviewed, no change": the latest version is still right; the review clock starts again. */
  @PostMapping("/protocols/{slug}/reviews")
  String confirm(
      @PathVariable String slug,
      @RequestParam Optional<String> note,
      Authentication who,
      RedirectAttributes redirect) {
    Optional<String> kept =
        note.map(
            n ->
                n.length() > ProtocolReviews.NOTE_LIMIT
                    ? n.substring(0, ProtocolReviews.NOTE_LIMIT)
                    : n);
    switch (reviews.confirm(slug, who.getName(), ProtocolReviews.confirmsAny(who), kept)) {
      case ProtocolReviews.Confirming.Confirmed confirmed ->
          redirect.addFlashAttribute("notice", "protocol.reviewed.done");
      case ProtocolReviews.Confirming.NotFound missing ->
          throw new CasePageController.PageNotFound();
      case ProtocolReviews.Confirming.NoReviewInterval none ->
          redirect.addFlashAttribute("notice", "protocol.reviewed.noInterval");
      case ProtocolReviews.Confirming.NotAllowed refused -> throw new AccessDeniedException(slug);
    }
    return "redirect:/protocols/" + slug;
  }

  @GetMapping("/protocols/{slug}")
  String page(
      @PathVariable String slug,
      @RequestParam Optional<String> version,
      Authentication who,
      Model model) {
    Optional<Integer> asked = Optional.empty();
    if (version.isPresent() && !version.get().isBlank()) {
      try {
        asked = Optional.of(Integer.parseInt(version.get().strip()));
      } catch (NumberFormatException e) {
        throw new CasePageController.PageNotFound();
      }
    }
    ProtocolPages.Page page =
        pages.page(slug, asked).orElseThrow(() -> new CasePageController.PageNotFound());
    model.addAttribute("protocol", page);
    model.addAttribute(
        "mayConfirm",
        page.version() == page.latest()
            && page.review().isPresent()
            && (ProtocolReviews.confirmsAny(who) || who.getName().equals(page.owner())));
    model.addAttribute("drafts", drafts.of(slug).stream().limit(10).toList());
    model.addAttribute("suggestions", suggestions(page));
    return "protocol";
  }

  /** The agents' suggestions on the protocol's steps, in the order of the version shown. */
  private ProtocolSuggestions suggestions(ProtocolPages.Page page) {
    Map<String, String> titles = new LinkedHashMap<>();
    page.steps().forEach(s -> titles.put(s.id(), s.title()));
    return ProtocolSuggestions.of(
        suggestions.ofProtocol(page.slug(), Optional.empty()).orElse(List.of()), titles);
  }
}
