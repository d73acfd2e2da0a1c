package io.servicebook.server.console;

import io.servicebook.server.runs.RunActions;
import io.servicebook.server.runs.Runs;
import io.servicebook.server.suggestions.StepSuggestion;
import io.servicebook.server.suggestions.StepSuggestions;
import java.security.Principal;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Step suggestions in the console: the run panel's form, answered with the form again when htmx
 * sends it (the error next to the text, or the confirmation) and with a redirect to the case
 * otherwise; and marking one done or dismissed from the protocol page.
 */
@Controller
class StepSuggestionsController {

  private static final String WORKERS = "hasAnyRole('ADMIN', 'SUPERVISOR', 'AGENT')";

  private final StepSuggestions suggestions;
  private final Runs runs;

  StepSuggestionsController(StepSuggestions suggestions, Runs runs) {
    this.suggestions = suggestions;
    this.runs = runs;
  }

  @PostMapping("/cases/{id}/steps/{step}/suggestions")
  @PreAuthorize(WORKERS)
  String suggest(
      @PathVariable String id,
      @PathVariable String step,
      @RequestParam String run,
      @RequestParam(defaultValue = "") String text,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      Principal who,
      Model model,
      RedirectAttributes redirect) {
    if (runs.pinned(run).map(RunActions.RunInfo::caseId).filter(id::equals).isEmpty()) {
      throw new CasePageController.PageNotFound();
    }
    Optional<String> error =
        switch (suggestions.suggest(run, step, text, who.getName())) {
          case StepSuggestions.Made.RunNotFound missing ->
              throw new CasePageController.PageNotFound();
          case StepSuggestions.Made.Invalid invalid ->
              Optional.of("suggest.error." + invalid.problems().getFirst().code());
          case StepSuggestions.Made.Saved saved -> Optional.empty();
        };
    if (htmx != null) {
      model.addAttribute("caseId", id);
      model.addAttribute("suggestRun", run);
      model.addAttribute("suggestStep", step);
      error.ifPresentOrElse(
          e -> {
            model.addAttribute("suggestError", e);
            model.addAttribute("suggestText", text);
          },
          () -> model.addAttribute("suggestSaved", true));
      return "suggest :: form";
    }
    error.ifPresentOrElse(
        e -> {
          redirect.addFlashAttribute("suggestError", e);
          redirect.addFlashAttribute("suggestText", text);
        },
        () -> redirect.addFlashAttribute("suggestSaved", true));
    return "redirect:/cases/" + id + "#suggest-form";
  }

  @PostMapping("/protocols/{slug}/suggestions/{suggestion}/{move}")
  String close(
      @PathVariable String slug,
      @PathVariable String suggestion,
      @PathVariable String move,
      Authentication who,
      RedirectAttributes redirect) {
    StepSuggestion.Status to =
        switch (move) {
          case "done" -> StepSuggestion.Status.DONE;
          case "dismiss" -> StepSuggestion.Status.DISMISSED;
          default -> throw new CasePageController.PageNotFound();
        };
    if (suggestions.find(suggestion).filter(s -> s.protocolSlug().equals(slug)).isEmpty()) {
      throw new CasePageController.PageNotFound();
    }
    boolean curator =
        who.getAuthorities().stream()
            .anyMatch(
                a ->
                    a.getAuthority().equals("ROLE_ADMIN")
                        || a.getAuthority().equals("ROLE_AUTHOR"));
    String notice =
        switch (suggestions.close(suggestion, to, Optional.empty(), who.getName(), curator)) {
          case StepSuggestions.Closing.NotFound missing ->
              throw new CasePageController.PageNotFound();
          case StepSuggestions.Closing.NotAllowed refused -> "suggestions.error.notYours";
          case StepSuggestions.Closing.AlreadyClosed closed -> "suggestions.error.closed";
          case StepSuggestions.Closing.Invalid invalid ->
              throw new IllegalStateException("A close without a note was invalid; a bug.");
          case StepSuggestions.Closing.Closed closed -> "suggestions." + to.key();
        };
    redirect.addFlashAttribute("notice", notice);
    return "redirect:/protocols/" + slug + "#protocol-suggestions";
  }
}
