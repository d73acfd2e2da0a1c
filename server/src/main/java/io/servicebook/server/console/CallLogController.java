package io.servicebook.server.console;

import io.servicebook.cases.Case;
import io.servicebook.cases.CaseStatus;
import io.servicebook.cases.Interaction;
import io.servicebook.protocol.Channel;
import io.servicebook.server.cases.Cases;
import io.servicebook.server.cases.ConcurrentChange;
import java.security.Principal;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Log a call" on a case page: adds the call to the conversation with its direction and length. The
 * customer's call counts as their message (it reopens a case waiting on them and starts the
 * next-response clock); the agent's call answers the customer as a reply does.
 */
@Controller
class CallLogController {

  private static final String WORKERS = "hasAnyRole('ADMIN', 'SUPERVISOR', 'AGENT')";

  private final Cases cases;
  private final Clock clock;

  CallLogController(Cases cases, Clock clock) {
    this.cases = cases;
    this.clock = clock;
  }

  @PostMapping("/cases/{id}/calls")
  @PreAuthorize(WORKERS)
  String log(
      @PathVariable String id,
      @ModelAttribute CallLog log,
      Principal who,
      RedirectAttributes redirect) {
    Map<String, String> problems = log.problems();
    if (problems.isEmpty()) {
      try {
        cases
            .changeByAgent(id, who.getName(), logged(log, who.getName()))
            .orElseThrow(() -> new CasePageController.PageNotFound());
        redirect.addFlashAttribute("notice", "call.logged");
        return "redirect:/cases/" + id + "#timeline";
      } catch (Closed closed) {
        problems = Map.of("notes", "call.error.closed");
      } catch (ConcurrentChange concurrent) {
        problems = Map.of("notes", "error.concurrent");
      }
    }
    redirect.addFlashAttribute("callProblems", problems);
    redirect.addFlashAttribute("callTyped", log.typed());
    return "redirect:/cases/" + id + "#call-form";
  }

  private Function<Case, Case.Change> logged(CallLog log, String actor) {
    return kase -> {
      if (kase.status() == CaseStatus.CLOSED) {
        throw new Closed();
      }
      // a video case's calls are video calls; every other case is called on the phone
      Channel on = kase.channel() == Channel.VIDEO ? Channel.VIDEO : Channel.PHONE;
      return kase.addInteraction(
          new Interaction(
              Interaction.Kind.CALL,
              on,
              actor,
              log.notes(),
              Interaction.Visibility.PUBLIC,
              clock.instant(),
              java.util.Optional.of(log.call())));
    };
  }

  /** The case was closed: a closed case takes no more calls, a follow-up case does. */
  private static final class Closed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Closed() {
      super("closed", null, false, false);
    }
  }
}
