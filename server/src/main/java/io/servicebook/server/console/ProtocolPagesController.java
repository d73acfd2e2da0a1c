package io.servicebook.server.console;

import io.servicebook.server.protocols.ProtocolDrafts;
import io.servicebook.server.suggestions.StepSuggestions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The protocol pages for anyone signed in: {@code /protocols} lists the published protocols with
 * their lint status and review date, {@code /protocols/{slug}} shows one version for reading.
 */
@Controller
class ProtocolPagesController {

  private final ProtocolPages pages;
  private final ProtocolDrafts drafts;
  private final StepSuggestions suggestions;

  ProtocolPagesController(ProtocolPages pages, ProtocolDrafts drafts, StepSuggestions suggestions) {
    this.pages = pages;
    this.drafts = drafts;
    this.suggestions = suggestions;
  }

  @GetMapping("/protocols")
  String list(Model model) {
    model.addAttribute("rows", pages.list());
    model.addAttribute("drafts", drafts.waiting());
    return "protocols";
  }

  @GetMapping("/protocols/{slug}")
  String page(@PathVariable String slug, @RequestParam Optional<String> version, Model model) {
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
