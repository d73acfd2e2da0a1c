package io.servicebook.server.console;

import io.servicebook.server.followups.FollowUpByHand;
import io.servicebook.server.followups.FollowUps;
import java.security.Principal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The case page's follow-up form: a quick pick ("in 3 days") or a date and time in the agent's time
 * zone, a channel and a note; it schedules the follow-up and redirects back to the case, or back to
 * the form with the problems next to their fields and what was typed kept.
 */
@Controller
class CaseFollowUpsController {

  private static final String WORKERS = "hasAnyRole('ADMIN', 'SUPERVISOR', 'AGENT')";

  private final FollowUps followUps;
  private final Clock clock;

  CaseFollowUpsController(FollowUps followUps, Clock clock) {
    this.followUps = followUps;
    this.clock = clock;
  }

  /**
   * A follow-up of the case as its card lists it: with its script and, while it waits, the forms
   * that mark it done or skip it; once finished, its outcome or reason.
   */
  record Line(
      String id,
      String status,
      String dueIso,
      String dueText,
      String channel,
      String source,
      String note,
      String script,
      boolean open,
      String ended) {}

  /** The case's follow-ups, soonest due first. */
  static java.util.List<Line> lines(FollowUps followUps, String caseId) {
    return followUps.listOf(caseId).stream()
        .map(
            f ->
                new Line(
                    f.id(),
                    f.status(),
                    f.dueAt().toString(),
                    Times.utc(f.dueAt()),
                    f.channel().orElse(""),
                    f.source(),
                    f.note().orElse(""),
                    f.script().orElse(""),
                    f.open(),
                    f.outcome().or(f::reason).orElse("")))
        .toList();
  }

  @PostMapping("/cases/{id}/follow-ups")
  @PreAuthorize(WORKERS)
  String schedule(
      @PathVariable String id,
      @RequestParam(defaultValue = "") String after,
      @RequestParam(name = "due_at", defaultValue = "") String dueAt,
      @RequestParam(defaultValue = "") String channel,
      @RequestParam(defaultValue = "") String note,
      @RequestParam(defaultValue = "") String zone,
      Principal who,
      RedirectAttributes redirect) {
    String back = "redirect:/cases/" + id + "#follow-up-form";
    boolean quick = !after.isBlank();
    switch (FollowUpByHand.check(
        quick ? Optional.empty() : Optional.of(dueAt),
        quick ? Optional.of(after) : Optional.empty(),
        Optional.of(channel),
        Optional.of(note),
        Optional.of(zone(zone)),
        clock.instant())) {
      case FollowUpByHand.Checked.Invalid invalid -> {
        Map<String, String> errors = new LinkedHashMap<>();
        invalid
            .problems()
            .forEach(p -> errors.putIfAbsent(p.field(), "followup.error." + p.code()));
        redirect.addFlashAttribute("followUpErrors", errors);
        redirect.addFlashAttribute(
            "followUpTyped",
            Map.of("after", after, "due_at", dueAt, "channel", channel, "note", note));
      }
      case FollowUpByHand.Checked.Valid valid -> {
        followUps
            .scheduleByHand(id, valid.followUp(), who.getName())
            .orElseThrow(() -> new CasePageController.PageNotFound());
        redirect.addFlashAttribute("notice", "followup.scheduled");
      }
    }
    return back;
  }

  /** The agent's time zone as the browser names it; UTC when it sent none or an unknown one. */
  private static ZoneId zone(String name) {
    try {
      return name.isBlank() ? ZoneOffset.UTC : ZoneId.of(name.strip());
    } catch (DateTimeException unknown) {
      return ZoneOffset.UTC;
    }
  }
}
