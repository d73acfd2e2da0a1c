package io.servicebook.server.console;

import io.servicebook.server.protocols.ProtocolDrafts;
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

  ProtocolPagesController(ProtocolPages pages, ProtocolDrafts drafts) {
    this.pages = pages;
    this.drafts = drafts;
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
    model.addAttribute(
        "protocol",
        pages.page(slug, asked).orElseThrow(() -> new CasePageController.PageNotFound()));
    model.addAttribute("drafts", drafts.of(slug).stream().limit(10).toList());
    return "protocol";
  }
}
