package io.servicebook.server.console;

import io.servicebook.cases.CaseStatus;
import io.servicebook.cases.IllegalCaseTransition;
import io.servicebook.protocol.Channel;
import io.servicebook.runs.Refusal;
import io.servicebook.server.cases.CaseRuns;
import io.servicebook.server.cases.CaseSla;
import io.servicebook.server.cases.Cases;
import io.servicebook.server.cases.ConcurrentChange;
import io.servicebook.server.cases.StoredCase;
import io.servicebook.server.channels.CaseReferences;
import io.servicebook.server.channels.Outbox;
import io.servicebook.server.followups.FollowUps;
import io.servicebook.server.mail.MailAttachments;
import io.servicebook.server.runs.Runs;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The case page at {@code /cases/{id}}: header, SLA clocks, customer card, timeline, and the run
 * panel whose forms (capture, decide, skip, go back) answer with the panel again when htmx sends
 * them and with the page otherwise (htmx also gets the protocol's flowchart, redrawn at the new
 * step); the reply and status forms post and redirect back.
 */
@Controller
class CasePageController {

  private static final String WORKERS = "hasAnyRole('ADMIN', 'SUPERVISOR', 'AGENT')";
  private static final int CUSTOMER_CASES = 6;

  private final Cases cases;
  private final Runs runs;
  private final CaseSla sla;
  private final Guidance guidance;
  private final Clock clock;
  private final MessageSource messages;
  private final CaseActions actions;
  private final ProtocolPages pages;
  private final FollowUps followUps;
  private final Outbox outbox;
  private final CaseReferences references;
  private final MailAttachments attachments;

  CasePageController(
      Cases cases,
      Runs runs,
      CaseSla sla,
      Guidance guidance,
      Clock clock,
      CaseActions actions,
      MessageSource messages,
      ProtocolPages pages,
      FollowUps followUps,
      Outbox outbox,
      CaseReferences references,
      MailAttachments attachments) {
    this.outbox = outbox;
    this.references = references;
    this.attachments = attachments;
    this.messages = messages;
    this.actions = actions;
    this.followUps = followUps;
    this.pages = pages;
    this.cases = cases;
    this.runs = runs;
    this.sla = sla;
    this.guidance = guidance;
    this.clock = clock;
  }

  @GetMapping("/cases/{id}")
  String page(@PathVariable String id, Principal who, Model model) {
    StoredCase stored = found(id);
    Optional<RunPanel> panel =
        runs.latest(stored.kase(), who.getName())
            .map(CaseRuns.RunSummary::id)
            .flatMap(run -> runs.view(run, who.getName()))
            .map(run -> RunPanel.of(run, Map.of(), Map.of(), guidance, pages));
    return page(stored, panel, model);
  }

  /**
   * The case's timeline and status alone, which a case page reads again when its live stream says
   * the case changed: far less to render than the whole page.
   */
  @GetMapping("/cases/{id}/timeline")
  String timeline(@PathVariable String id, Model model) {
    StoredCase stored = found(id);
    model.addAttribute(
        "page",
        combined(
            stored, CasePage.of(stored, sla.clocks(stored), List.of(), false, clock.instant())));
    model.addAttribute("timelineOnly", true);
    return "case :: live";
  }

  @PostMapping("/cases/{id}/steps/{step}")
  @PreAuthorize(WORKERS)
  String submit(
      @PathVariable String id,
      @PathVariable String step,
      @RequestParam String run,
      @RequestParam MultiValueMap<String, String> form,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      Principal who,
      Model model,
      HttpServletResponse response) {
    Map<String, String> typed = new LinkedHashMap<>();
    form.forEach(
        (name, values) -> {
          if (name.startsWith("f.") && !values.isEmpty()) {
            typed.put(name.substring(2), values.getLast().strip());
          }
        });
    Map<String, String> fields = new LinkedHashMap<>(typed);
    fields.values().removeIf(String::isEmpty);
    Optional<String> choice =
        Optional.ofNullable(form.getFirst("choice")).filter(c -> !c.isBlank());
    return act(
        id,
        run,
        typed,
        htmx,
        who,
        model,
        response,
        () -> runs.submit(run, step, fields, choice, who.getName()));
  }

  @PostMapping("/cases/{id}/steps/{step}/skip")
  @PreAuthorize(WORKERS)
  String skip(
      @PathVariable String id,
      @PathVariable String step,
      @RequestParam String run,
      @RequestParam(defaultValue = "") String reason,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      Principal who,
      Model model,
      HttpServletResponse response) {
    return act(
        id,
        run,
        Map.of("skip-reason", reason),
        htmx,
        who,
        model,
        response,
        () -> runs.skip(run, step, reason.strip(), who.getName()));
  }

  @PostMapping("/cases/{id}/steps/{step}/back")
  @PreAuthorize(WORKERS)
  String back(
      @PathVariable String id,
      @PathVariable String step,
      @RequestParam String run,
      @RequestParam(defaultValue = "") String reason,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      Principal who,
      Model model,
      HttpServletResponse response) {
    return act(
        id,
        run,
        Map.of("back-reason", reason),
        htmx,
        who,
        model,
        response,
        () ->
            reason.isBlank()
                ? new Runs.Outcome.Refused(List.of(new Refusal.ReasonRequired("go back a step")))
                : runs.goBack(run, Optional.of(step), reason.strip(), who.getName()));
  }

  @PostMapping("/cases/{id}/steps/{step}/off-script")
  @PreAuthorize(WORKERS)
  String offScript(
      @PathVariable String id,
      @PathVariable String step,
      @RequestParam String run,
      @RequestParam(defaultValue = "") String note,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      Principal who,
      Model model,
      HttpServletResponse response) {
    return act(
        id,
        run,
        Map.of("off-script-note", note),
        htmx,
        who,
        model,
        response,
        () -> runs.offScript(run, step, note.strip(), who.getName()));
  }

  @PostMapping("/cases/{id}/reply")
  @PreAuthorize(WORKERS)
  String reply(
      @PathVariable String id,
      @RequestParam(defaultValue = "") String body,
      @RequestParam(name = "then", defaultValue = "") String then,
      Principal who,
      RedirectAttributes redirect) {
    if (body.isBlank()) {
      redirect.addFlashAttribute("replyError", "reply.error.blank");
      return "redirect:/cases/" + id + "#reply-form";
    }
    Optional<CaseStatus> status =
        InboxController.option(Optional.of(then), CaseStatus.values(), CaseStatus::key);
    if (!then.isBlank() && status.isEmpty()) {
      redirect.addFlashAttribute("replyError", "casework.reply.error.status");
      redirect.addFlashAttribute("replyBody", body);
      return "redirect:/cases/" + id + "#reply-form";
    }
    try {
      cases
          .changeByAgent(id, who.getName(), cases.reply(body.strip(), who.getName(), status))
          .orElseThrow(() -> new PageNotFound());
      redirect.addFlashAttribute(
          "notice", status.isPresent() ? "casework.reply.sentAndSet" : "reply.sent");
    } catch (IllegalCaseTransition e) {
      redirect.addFlashAttribute("replyError", "casework.reply.error.status");
      redirect.addFlashAttribute("replyBody", body);
    } catch (Cases.CaseClosed e) {
      redirect.addFlashAttribute("replyError", "reply.error.closed");
      redirect.addFlashAttribute("replyBody", body);
    } catch (ConcurrentChange e) {
      redirect.addFlashAttribute("replyError", "error.concurrent");
      redirect.addFlashAttribute("replyBody", body);
    }
    return "redirect:/cases/" + id + "#timeline";
  }

  @PostMapping("/cases/{id}/status")
  @PreAuthorize(WORKERS)
  String status(
      @PathVariable String id,
      @RequestParam(defaultValue = "") String status,
      @RequestParam(defaultValue = "") String reason,
      Principal who,
      RedirectAttributes redirect) {
    Optional<CaseStatus> to =
        InboxController.option(Optional.of(status), CaseStatus.values(), CaseStatus::key);
    if (to.isEmpty() || reason.isBlank()) {
      redirect.addFlashAttribute(
          "statusError", to.isEmpty() ? "status.error.choose" : "status.error.reason");
      return "redirect:/cases/" + id + "#status-form";
    }
    try {
      cases
          .changeByAgent(
              id,
              who.getName(),
              kase -> kase.changeStatus(to.get(), clock.instant(), who.getName(), reason.strip()))
          .orElseThrow(() -> new PageNotFound());
      redirect.addFlashAttribute("notice", "status.changed");
    } catch (IllegalCaseTransition e) {
      redirect.addFlashAttribute("statusError", "status.error.illegal");
    } catch (ConcurrentChange e) {
      redirect.addFlashAttribute("statusError", "error.concurrent");
    }
    return "redirect:/cases/" + id + "#status-form";
  }

  /**
   * Does an operation on the case's run and answers with the run panel; the case's status is read
   * first, so that a step that changed it (say, resolved the case) refreshes the whole page.
   */
  private String act(
      String id,
      String runId,
      Map<String, String> typed,
      String htmx,
      Principal who,
      Model model,
      HttpServletResponse response,
      java.util.function.Supplier<Runs.Outcome> operation) {
    CaseStatus before = found(id).kase().status();
    return answer(id, runId, operation.get(), typed, htmx, who, model, before, response);
  }

  /**
   * The run panel after an operation: the next step when it was done, the same step with the
   * problems next to their fields and the typed values kept when it was refused.
   */
  private String answer(
      String id,
      String runId,
      Runs.Outcome outcome,
      Map<String, String> typed,
      String htmx,
      Principal who,
      Model model,
      CaseStatus before,
      HttpServletResponse response) {
    StoredCase stored = found(id);
    RunPanel panel =
        switch (outcome) {
          case Runs.Outcome.NotFound notFound -> throw new PageNotFound();
          case Runs.Outcome.Done done ->
              RunPanel.of(done.run(), Map.of(), Map.of(), guidance, pages);
          case Runs.Outcome.Refused refused ->
              RunPanel.of(
                  runs.view(runId, who.getName()).orElseThrow(() -> new PageNotFound()),
                  typed,
                  errors(refused.reasons(), typed),
                  guidance,
                  pages);
        };
    if (htmx != null) {
      if (stored.kase().status() != before) {
        // the step changed the case (say, resolved it): the whole page shows it, not only the run
        response.setHeader("HX-Refresh", "true");
      }
      model.addAttribute("run", panel);
      model.addAttribute("caseId", id);
      model.addAttribute("oob", true);
      return "case :: run-update";
    }
    if (outcome instanceof Runs.Outcome.Done) {
      return "redirect:/cases/" + id + "#run-panel";
    }
    return page(stored, Optional.of(panel), model);
  }

  /**
   * Each refusal under the field it is about, in the page's language; the step's own under {@code
   * ""}.
   */
  private Map<String, String> errors(List<Refusal> reasons, Map<String, String> typed) {
    Locale locale = LocaleContextHolder.getLocale();
    Map<String, String> errors = new LinkedHashMap<>();
    for (Refusal reason : reasons) {
      String key =
          switch (reason) {
            case Refusal.InvalidValue v -> v.field();
            case Refusal.MissingValue m -> m.field();
            case Refusal.NotCaptured n -> n.field();
            case Refusal.ChoiceNeeded c -> "choice";
            case Refusal.UnknownChoice u -> "choice";
            case Refusal.ReasonRequired r ->
                typed.containsKey("back-reason")
                    ? "back-reason"
                    : typed.containsKey("off-script-note") ? "off-script-note" : "skip-reason";
            case Refusal.NotSkippable s -> "skip-reason";
            case Refusal.CannotDecideYet c -> "";
            case Refusal.NothingToGoBackTo n -> "back-reason";
            case Refusal.NotCurrentStep n -> "";
            case Refusal.RunNotActive r -> "";
          };
      Refusal.Wording wording = reason.wording();
      String text =
          messages.getMessage(wording.key(), wording.args().toArray(), reason.message(), locale);
      errors.merge(key, text, (a, b) -> a + " " + b);
    }
    return errors;
  }

  private String page(StoredCase stored, Optional<RunPanel> panel, Model model) {
    Cases.Listing others =
        cases.list(
            new Cases.Query(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false,
                Optional.empty(),
                Optional.empty(),
                Optional.of(stored.kase().customer().id()),
                Optional.empty(),
                CUSTOMER_CASES,
                Optional.empty(),
                Optional.empty()));
    model.addAttribute(
        "page",
        combined(
            stored,
            CasePage.of(
                stored,
                sla.clocks(stored),
                others.cases(),
                others.nextCursor().isPresent(),
                clock.instant())));
    String id = stored.kase().id();
    boolean closed = stored.kase().status() == CaseStatus.CLOSED;
    model.addAttribute(
        "replyStatuses",
        closed
            ? List.of()
            : Cases.statusesWithReply(stored.kase().status()).stream()
                .map(CaseStatus::key)
                .toList());
    model.addAttribute("mergedInto", cases.mergedInto(id).orElse(null));
    model.addAttribute(
        "mergedFrom",
        cases.mergedFrom(id).stream()
            .map(
                m ->
                    new CasePage.PastCase(
                        m.kase().id(), m.kase().subject(), m.kase().status().key()))
            .toList());
    model.addAttribute(
        "mergeCandidates",
        closed
            ? List.of()
            : others.cases().stream()
                .filter(o -> !o.kase().id().equals(id))
                .filter(o -> o.kase().status() != CaseStatus.CLOSED)
                .map(
                    o ->
                        new CasePage.PastCase(
                            o.kase().id(), o.kase().subject(), o.kase().status().key()))
                .toList());
    model.addAttribute("run", panel.orElse(null));
    model.addAttribute("caseId", stored.kase().id());
    model.addAttribute("reference", references.token(stored.kase().id()).orElse(null));
    model.addAttribute("conditionStops", cases.conditionStops(stored.kase().id()));
    model.addAttribute("actions", actions.of(stored));
    model.addAttribute("followUps", CaseFollowUpsController.lines(followUps, stored.kase().id()));
    model.addAttribute("channels", Arrays.stream(Channel.values()).map(Channel::key).toList());
    model.addAttribute("attachments", attachments.of(stored.kase().id()));
    return "case";
  }

  /** The page with its timeline combined with the cases merged into it, deliveries attached. */
  private CasePage combined(StoredCase stored, CasePage page) {
    List<Map.Entry<CasePage, Map<Integer, io.servicebook.server.channels.OutboundMessage>>> merged =
        cases.mergedFrom(stored.kase().id()).stream()
            .map(
                m ->
                    Map.entry(
                        CasePage.of(m, List.of(), List.of(), false, clock.instant()),
                        outbox.byTimelinePosition(m.kase().id())))
            .toList();
    return page.combined(outbox.byTimelinePosition(stored.kase().id()), merged);
  }

  private StoredCase found(String id) {
    return cases.find(id).orElseThrow(() -> new PageNotFound());
  }

  /** No such case or run: the 404 page. */
  @ResponseStatus(HttpStatus.NOT_FOUND)
  static final class PageNotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PageNotFound() {
      super("no such page", null, false, false);
    }
  }
}
