package io.servicebook.server.console;

import io.servicebook.followups.FollowUpStatus;
import io.servicebook.followups.IllegalFollowUpTransition;
import io.servicebook.server.cases.Cases;
import io.servicebook.server.cases.ConcurrentChange;
import io.servicebook.server.followups.FollowUps;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The agent's daily work on a case page and in the follow-up queue: internal notes with
 * {@code @mentions}, merging another case of the same customer into this one, and marking a
 * follow-up done (with its outcome) or skipped (with the reason). Each form posts and redirects
 * back; a refusal comes back next to its form with what was typed kept, nothing changed.
 */
@Controller
class CaseworkController {

  private static final String WORKERS = "hasAnyRole('ADMIN', 'SUPERVISOR', 'AGENT')";

  private final Cases cases;
  private final FollowUps followUps;

  CaseworkController(Cases cases, FollowUps followUps) {
    this.cases = cases;
    this.followUps = followUps;
  }

  @PostMapping("/cases/{id}/notes")
  @PreAuthorize(WORKERS)
  String note(
      @PathVariable String id,
      @RequestParam(defaultValue = "") String body,
      Principal who,
      RedirectAttributes redirect) {
    String back = "redirect:/cases/" + id + "#note-form";
    if (body.isBlank()) {
      redirect.addFlashAttribute("noteError", List.of("casework.note.error.blank"));
      return back;
    }
    List<String> unknown = cases.unknownMentions(body);
    if (!unknown.isEmpty()) {
      redirect.addFlashAttribute(
          "noteError",
          List.of(
              unknown.size() == 1
                  ? "casework.note.error.unknownOne"
                  : "casework.note.error.unknownMany",
              String.join(", ", unknown.stream().map(n -> "@" + n).toList())));
      redirect.addFlashAttribute("noteBody", body);
      return back;
    }
    try {
      cases
          .changeByAgent(id, who.getName(), cases.note(body.strip(), who.getName()))
          .orElseThrow(() -> new CasePageController.PageNotFound());
      redirect.addFlashAttribute("notice", "casework.note.saved");
      return "redirect:/cases/" + id + "#timeline";
    } catch (Cases.CaseClosed e) {
      redirect.addFlashAttribute("noteError", List.of("reply.error.closed"));
    } catch (ConcurrentChange e) {
      redirect.addFlashAttribute("noteError", List.of("error.concurrent"));
    }
    redirect.addFlashAttribute("noteBody", body);
    return back;
  }

  @PostMapping("/cases/{id}/merge")
  @PreAuthorize(WORKERS)
  String merge(
      @PathVariable String id,
      @RequestParam(name = "case_id", defaultValue = "") String other,
      @RequestParam(defaultValue = "") String reason,
      Principal who,
      RedirectAttributes redirect) {
    String back = "redirect:/cases/" + id + "#merge-form";
    if (other.isBlank()) {
      redirect.addFlashAttribute("mergeError", List.of("casework.merge.error.choose"));
      return back;
    }
    try {
      switch (cases.merge(id, other.strip(), reason, who.getName())) {
        case Cases.Merge.NotFound missing -> {
          if (missing.id().equals(id)) {
            throw new CasePageController.PageNotFound();
          }
          redirect.addFlashAttribute(
              "mergeError", List.of("casework.merge.error.notFound", missing.id()));
        }
        case Cases.Merge.Refused refused ->
            redirect.addFlashAttribute(
                "mergeError", List.of("casework.merge.error." + refused.why(), other.strip()));
        case Cases.Merge.Merged merged -> {
          redirect.addFlashAttribute("notice", "casework.merge.done");
          return "redirect:/cases/" + id + "#timeline";
        }
      }
    } catch (ConcurrentChange e) {
      redirect.addFlashAttribute("mergeError", List.of("error.concurrent"));
    }
    return back;
  }

  @PostMapping("/follow-ups/{id}/done")
  @PreAuthorize(WORKERS)
  String done(
      @PathVariable String id,
      @RequestParam(defaultValue = "") String outcome,
      @RequestParam(defaultValue = "case") String from,
      Principal who,
      RedirectAttributes redirect) {
    return finish(id, FollowUpStatus.DONE, outcome, from, who, redirect);
  }

  @PostMapping("/follow-ups/{id}/skip")
  @PreAuthorize(WORKERS)
  String skip(
      @PathVariable String id,
      @RequestParam(defaultValue = "") String reason,
      @RequestParam(defaultValue = "case") String from,
      Principal who,
      RedirectAttributes redirect) {
    return finish(id, FollowUpStatus.SKIPPED, reason, from, who, redirect);
  }

  private String finish(
      String id,
      FollowUpStatus to,
      String text,
      String from,
      Principal who,
      RedirectAttributes redirect) {
    FollowUps.Listed followUp =
        followUps.listed(id).orElseThrow(() -> new CasePageController.PageNotFound());
    String back =
        "queue".equals(from)
            ? "redirect:/?queue=follow-ups#follow-up-" + id
            : "redirect:/cases/" + followUp.caseId() + "#follow-up-" + id;
    Optional<String> problem = FollowUps.problem(to, text);
    String error = null;
    if (problem.isPresent()) {
      error =
          to == FollowUpStatus.DONE
              ? "casework.followup.error.outcome"
              : "casework.followup.error.reason";
    } else {
      try {
        followUps.finishAs(id, to, text, who.getName());
        redirect.addFlashAttribute(
            "notice",
            to == FollowUpStatus.DONE ? "casework.followup.done" : "casework.followup.skipped");
        return "queue".equals(from)
            ? "redirect:/?queue=follow-ups"
            : "redirect:/cases/" + followUp.caseId() + "#follow-up-card";
      } catch (IllegalFollowUpTransition e) {
        error = "casework.followup.error.finished";
      } catch (ConcurrentChange e) {
        error = "error.concurrent";
      }
    }
    redirect.addFlashAttribute(
        "followUpFinish", Map.of("id", id, "action", to.key(), "error", error, "text", text));
    return back;
  }
}
