package io.servicebook.followups;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.cases.Case;
import io.servicebook.cases.CaseFixtures;
import io.servicebook.cases.CaseStatus;
import io.servicebook.cases.Interaction;
import io.servicebook.protocol.Channel;
import io.servicebook.protocol.IsoDuration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AutoCloseTests {

  private static final IsoDuration WEEK = IsoDuration.parse("P7D").orElseThrow();
  private static final Instant RESOLVED_AT = CaseFixtures.OPENED_AT.plusSeconds(3600);

  private static Case resolved() {
    return CaseFixtures.aCase()
        .changeStatus(CaseStatus.RESOLVED, RESOLVED_AT, "agent-7", "refund sent")
        .after();
  }

  private static Interaction note(Instant at) {
    return new Interaction(
        Interaction.Kind.NOTE,
        Channel.EMAIL,
        "agent-7",
        "Refund confirmed by the bank.",
        Interaction.Visibility.INTERNAL,
        at);
  }

  @Test
  void aCaseStillResolvedInTheTimersCycleClosesWithTheReasonNamingTheDuration() {
    assertThat(AutoClose.decide(resolved(), Optional.of(new Resolution(1, RESOLVED_AT)), 1, WEEK))
        .isEqualTo(
            new AutoClose.Decision.Close("resolved for P7D without a reply; closed automatically"));
  }

  @Test
  void aCaseReopenedMeanwhileStaysOpen() {
    Case reopened =
        resolved()
            .changeStatus(CaseStatus.OPEN, RESOLVED_AT.plusSeconds(60), "agent-7", "not fixed")
            .after();

    assertThat(AutoClose.decide(reopened, Optional.empty(), 1, WEEK))
        .isInstanceOf(AutoClose.Decision.Leave.class)
        .hasToString("Leave[why=the case is open now]");
  }

  @Test
  void aTimerOfAnEarlierResolutionLeavesACaseResolvedAgainAlone() {
    Instant again = RESOLVED_AT.plusSeconds(7200);

    assertThat(AutoClose.decide(resolved(), Optional.of(new Resolution(2, again)), 1, WEEK))
        .isInstanceOf(AutoClose.Decision.Leave.class);
  }

  @Test
  void aCustomerWhoWroteAfterTheResolutionKeepsTheCaseFromClosing() {
    Case wrote =
        new Case(
            resolved().id(),
            resolved().customer(),
            resolved().channel(),
            resolved().category(),
            resolved().subject(),
            resolved().priority(),
            CaseStatus.RESOLVED,
            Optional.empty(),
            Optional.empty(),
            java.util.List.of(),
            resolved().createdAt(),
            java.util.List.of(
                new Interaction(
                    Interaction.Kind.INBOUND_MESSAGE,
                    Channel.EMAIL,
                    "cust-1",
                    "Still nothing.",
                    Interaction.Visibility.PUBLIC,
                    RESOLVED_AT.plusSeconds(1))));

    assertThat(AutoClose.decide(wrote, Optional.of(new Resolution(1, RESOLVED_AT)), 1, WEEK))
        .isEqualTo(new AutoClose.Decision.Leave("the customer wrote after the case was resolved"));
  }

  @Test
  void anAgentsNoteAfterTheResolutionDoesNotKeepTheCaseOpen() {
    Case noted = resolved().addInteraction(note(RESOLVED_AT.plusSeconds(5))).after();

    assertThat(AutoClose.decide(noted, Optional.of(new Resolution(1, RESOLVED_AT)), 1, WEEK))
        .isInstanceOf(AutoClose.Decision.Close.class);
  }
}
