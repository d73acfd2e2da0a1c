package io.servicebook.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.servicebook.protocol.Channel;
import io.servicebook.protocol.Priority;
import io.servicebook.server.cases.Cases;
import io.servicebook.server.cases.NewCase;
import io.servicebook.server.demo.DemoClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo agent works a breaching case end to end in Debian's Chromium, as the console is meant to
 * be used: from the breaching queue, where the case's SLA badge is red, through the complaint
 * protocol — an invalid captured value shows an inline error, then a valid one; the agent takes a
 * branch of a decision; escalates with a reason — to the resolving step, after which the case is
 * resolved and the run is done.
 */
class BreachingCaseBrowserTests extends DemoBrowserTests {

  String caseId;

  @BeforeAll
  void setUp() throws Exception {
    caseId = openComplaintDaysAgo(Duration.ofDays(20));
    awaitBreach(caseId);
  }

  /** A complaint written in days ago: every clock of its protocol is past its target by now. */
  private String openComplaintDaysAgo(Duration ago) throws Exception {
    DemoClock clock = (DemoClock) server.bean(Clock.class);
    Cases cases = server.bean(Cases.class);
    String[] id = new String[1];
    clock.runAt(
        Instant.now().minus(ago),
        () -> {
          Cases.Opening opening =
              cases.open(
                  new NewCase(
                      Channel.EMAIL,
                      "complaint",
                      "Parcel left in the rain",
                      "The courier left my parcel outside in the rain and the box is soaked.",
                      Priority.NORMAL,
                      "Hannah",
                      "Keller",
                      Optional.of("hannah.keller@example.com"),
                      Optional.empty(),
                      Optional.of("en"),
                      Optional.of("standard")),
                  "intake",
                  Optional.empty());
          id[0] = ((Cases.Opening.Opened) opening).body().get("id").asString();
        });
    return id[0];
  }

  /** The breach timers of a case created in the past are due at once; they fire within seconds. */
  private void awaitBreach(String id) throws Exception {
    Instant until = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(until)) {
      var body = server.get("/api/v1/cases/" + id, RunningServer.TOKEN).json();
      for (var clock : body.get("sla")) {
        if (clock.get("target").asString().equals("first_response")
            && clock.get("state").asString().equals("breached")) {
          return;
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the first response clock of " + id + " did not breach in 60 s");
  }

  @Test
  void anAgentWorksABreachingCaseFromTheQueueToResolution() {
    Page page = browsers.newPage();
    page.navigate(server.base + "/login");
    page.locator("input[name=username]").fill("agent");
    page.locator("input[name=password]").fill("demo");
    page.locator("#login-form button[type=submit]").click();

    // the breaching queue shows the case with a red badge
    page.locator("#tab-breaching").click();
    var row = page.locator("#inbox tr[data-case-id='" + caseId + "']");
    assertThat(row).isVisible();
    assertThat(row.locator(".sla-badge")).hasClass(Pattern.compile(".*sla-breached.*"));
    row.locator("a.case-link").click();

    assertThat(page.locator("#sla-clocks li.clock[data-state=breached]").first()).isVisible();
    assertThat(page.locator("#case-status")).isVisible();
    Screenshots.save(page, "breaching-case");

    // greet, then listen: the topic and severity
    page.locator("#submit-step").click();
    assertThat(page.locator("#capture-form[data-step=listen]")).isVisible();
    page.locator("#field-complaint_topic").selectOption("delivery");
    page.locator("#field-severity").selectOption("major");
    page.locator("#submit-step").click();
    assertThat(page.locator("#capture-form[data-step=acknowledge]")).isVisible();
    page.locator("#submit-step").click();

    // the facts: an order number the protocol refuses, then a good one
    assertThat(page.locator("#capture-form[data-step=facts]")).isVisible();
    page.locator("#field-order_number").fill("order 7");
    page.locator("#submit-step").click();
    assertThat(page.locator("#field-order_number-error")).isVisible();
    assertThat(page.locator("#field-order_number")).hasValue("order 7");
    page.locator("#field-order_number").fill("ORD-778899");
    page.locator("#field-desired_outcome").fill("A new parcel, dry this time.");
    page.locator("#submit-step").click();

    // the decision is the agent's: solve it now
    var solveNow = page.locator(".button-choice[data-choice='I can solve it now']");
    assertThat(solveNow).isVisible();
    assertThat(page.locator(".button-choice[data-choice='Needs my team lead']")).isVisible();
    solveNow.click();
    assertThat(page.locator("#capture-form[data-step=agree-plan]")).isVisible();

    // an escalation with its reason, while working the case
    String before = page.locator("#escalation-level").getAttribute("data-level");
    page.locator("#escalate-reason").fill("the customer's third complaint this month");
    page.locator("#escalate-button").click();
    assertThat(page.locator("#escalation-level")).not().hasAttribute("data-level", before);

    page.locator("#field-agreed_action").fill("We send a replacement by express courier today.");
    page.locator("#field-customer_accepts").check();
    page.locator("#submit-step").click();
    assertThat(page.locator("#capture-form[data-step=confirm]")).isVisible();
    page.locator("#submit-step").click();

    assertThat(page.locator("#case-status")).hasClass(Pattern.compile(".*status-resolved.*"));
    assertThat(page.locator("#run-panel")).containsText("The protocol is done");
    assertThat(page.locator("#sla-clocks li.clock[data-state=running]")).hasCount(0);
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "resolved-case");
  }
}
