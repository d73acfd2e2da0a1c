package io.servicebook.cases;

import static io.servicebook.cases.CaseFixtures.OPENED_AT;
import static io.servicebook.cases.CaseFixtures.aCase;
import static io.servicebook.cases.CaseFixtures.aCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicebook.cases.CaseEvent.CaseAssigned;
import io.servicebook.cases.CaseEvent.CaseOpened;
import io.servicebook.cases.CaseEvent.CasePriorityChanged;
import io.servicebook.cases.CaseEvent.CaseStatusChanged;
import io.servicebook.cases.CaseEvent.InteractionAdded;
import io.servicebook.cases.Interaction.Kind;
import io.servicebook.cases.Interaction.Visibility;
import io.servicebook.protocol.Channel;
import io.servicebook.protocol.Priority;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CaseTests {

  private static final Instant LATER = OPENED_AT.plusSeconds(600);

  @Test
  void openingACaseMakesItNewAndSaysSo() {
    Case.Change change =
        Case.open(
            "case-9",
            aCustomer(),
            Channel.CHAT,
            "refund",
            "Where is my money?",
            Priority.HIGH,
            "system",
            OPENED_AT);

    assertThat(change.after().status()).isEqualTo(CaseStatus.NEW);
    assertThat(change.after().interactions()).isEmpty();
    assertThat(change.events())
        .containsExactly(
            new CaseOpened(
                "case-9", "cust-1", Channel.CHAT, "refund", Priority.HIGH, "system", OPENED_AT));
  }

  @Test
  void changingTheStatusReturnsTheNewCaseAndTheEventWithActorAndReason() {
    Case before = aCase();

    Case.Change change = before.changeStatus(CaseStatus.OPEN, LATER, "agent-7", "picked up");

    assertThat(before.status()).isEqualTo(CaseStatus.NEW);
    assertThat(change.after().status()).isEqualTo(CaseStatus.OPEN);
    assertThat(change.events())
        .containsExactly(
            new CaseStatusChanged(
                "case-1", CaseStatus.NEW, CaseStatus.OPEN, "agent-7", "picked up", LATER));
  }

  @Test
  void anIllegalStatusChangeThrowsNamingBothStatuses() {
    assertThatThrownBy(() -> aCase().changeStatus(CaseStatus.CLOSED, LATER, "agent-7", "spam"))
        .isInstanceOf(IllegalCaseTransition.class)
        .hasMessageContaining("from NEW to CLOSED");
  }

  @Test
  void reopeningAResolvedCaseIsMarkedAsAReopen() {
    Case resolved = aCase().changeStatus(CaseStatus.RESOLVED, LATER, "agent-7", "done").after();

    Case.Change change = resolved.changeStatus(CaseStatus.OPEN, LATER, "agent-7", "not fixed");

    assertThat(((CaseStatusChanged) change.events().get(0)).isReopen()).isTrue();
  }

  @Test
  void anAgentsPublicReplyOpensANewCaseAsHelpdesksDo() {
    Interaction reply =
        new Interaction(
            Kind.OUTBOUND_MESSAGE, Channel.EMAIL, "agent-7", "On it!", Visibility.PUBLIC, LATER);

    Case.Change change = aCase().addInteraction(reply);

    assertThat(change.after().interactions()).containsExactly(reply);
    assertThat(change.after().status()).isEqualTo(CaseStatus.OPEN);
    assertThat(change.events())
        .containsExactly(
            new InteractionAdded("case-1", reply),
            new CaseStatusChanged(
                "case-1", CaseStatus.NEW, CaseStatus.OPEN, "agent-7", "an agent replied", LATER));
  }

  @Test
  void anInternalNoteOrAReplyToAnOpenCaseLeavesTheStatusAsItIs() {
    Interaction note =
        new Interaction(
            Kind.NOTE, Channel.EMAIL, "agent-7", "@lead look", Visibility.INTERNAL, LATER);
    assertThat(aCase().addInteraction(note).after().status()).isEqualTo(CaseStatus.NEW);

    Case waiting =
        aCase().changeStatus(CaseStatus.WAITING_ON_CUSTOMER, LATER, "agent-7", "asked").after();
    Interaction reply =
        new Interaction(
            Kind.OUTBOUND_MESSAGE, Channel.EMAIL, "agent-7", "Any news?", Visibility.PUBLIC, LATER);
    Case.Change change = waiting.addInteraction(reply);
    assertThat(change.after().status()).isEqualTo(CaseStatus.WAITING_ON_CUSTOMER);
    assertThat(change.events()).containsExactly(new InteractionAdded("case-1", reply));
  }

  @Test
  void aMergedCaseClosesFromAnyStatusButClosedWithTheSurvivorInItsReason() {
    Case.Change merged = aCase().closeAsMerged("case-2", LATER, "agent-7");
    assertThat(merged.after().status()).isEqualTo(CaseStatus.CLOSED);
    assertThat(merged.events())
        .containsExactly(
            new CaseStatusChanged(
                "case-1",
                CaseStatus.NEW,
                CaseStatus.CLOSED,
                "agent-7",
                "merged into case case-2",
                LATER));
    assertThatThrownBy(() -> merged.after().closeAsMerged("case-3", LATER, "agent-7"))
        .isInstanceOf(IllegalCaseTransition.class);
    assertThatThrownBy(() -> aCase().closeAsMerged("case-1", LATER, "agent-7"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCustomerReplyReopensACaseWaitingOnThem() {
    Case waiting =
        aCase().changeStatus(CaseStatus.WAITING_ON_CUSTOMER, LATER, "agent-7", "asked").after();
    Interaction reply =
        new Interaction(
            Kind.INBOUND_MESSAGE, Channel.EMAIL, "cust-1", "Here", Visibility.PUBLIC, LATER);

    Case.Change change = waiting.addInteraction(reply);

    assertThat(change.after().status()).isEqualTo(CaseStatus.OPEN);
    assertThat(change.events())
        .containsExactly(
            new InteractionAdded("case-1", reply),
            new CaseStatusChanged(
                "case-1",
                CaseStatus.WAITING_ON_CUSTOMER,
                CaseStatus.OPEN,
                "cust-1",
                "the customer replied",
                LATER));
  }

  @Test
  void theCustomersCallReopensACaseWaitingOnThemAndTheAgentsCallDoesNot() {
    Case waiting =
        aCase().changeStatus(CaseStatus.WAITING_ON_CUSTOMER, LATER, "agent-7", "asked").after();
    Interaction rang = call(Interaction.Direction.INBOUND);
    Interaction calledBack = call(Interaction.Direction.OUTBOUND);

    assertThat(waiting.addInteraction(rang).after().status()).isEqualTo(CaseStatus.OPEN);
    assertThat(waiting.addInteraction(calledBack).after().status())
        .isEqualTo(CaseStatus.WAITING_ON_CUSTOMER);
    assertThat(rang.fromCustomer()).isTrue();
    assertThat(rang.answersCustomer()).isFalse();
    assertThat(calledBack.fromCustomer()).isFalse();
    assertThat(calledBack.answersCustomer()).isTrue();
  }

  @Test
  void aCallLoggedWithoutDirectionWasTheAgentsAndOnlyACallHasOne() {
    Interaction older =
        new Interaction(Kind.CALL, Channel.PHONE, "agent-7", "Called", Visibility.PUBLIC, LATER);

    assertThat(older.answersCustomer()).isTrue();
    assertThat(older.fromCustomer()).isFalse();
    assertThatThrownBy(
            () ->
                new Interaction(
                    Kind.NOTE,
                    Channel.PHONE,
                    "agent-7",
                    "Rang",
                    Visibility.INTERNAL,
                    LATER,
                    Optional.of(
                        new Interaction.Call(Interaction.Direction.INBOUND, Duration.ZERO))))
        .hasMessageContaining("Only a call");
  }

  @Test
  void aCustomerMayHaveNoEmailButNotABadOne() {
    Customer caller =
        new Customer(
            "c",
            "Pat",
            "Lee",
            Optional.empty(),
            Optional.of("+4930555"),
            "en",
            "standard",
            BigDecimal.ZERO);

    assertThat(caller.email()).isEmpty();
    assertThat(CaseFacts.of(aCase(caller, Channel.PHONE, "refund")).customerValues())
        .containsEntry("phone", "+4930555")
        .doesNotContainKey("email");
  }

  private static Interaction call(Interaction.Direction direction) {
    return new Interaction(
        Kind.CALL,
        Channel.PHONE,
        "agent-7",
        "About the refund",
        Visibility.PUBLIC,
        LATER,
        Optional.of(new Interaction.Call(direction, Duration.ofMinutes(3))));
  }

  @Test
  void aClosedCaseTakesNoMoreInteractions() {
    Case closed =
        aCase()
            .changeStatus(CaseStatus.RESOLVED, LATER, "agent-7", "done")
            .after()
            .changeStatus(CaseStatus.CLOSED, LATER, "system", "after 4 days")
            .after();
    Interaction reply =
        new Interaction(
            Kind.INBOUND_MESSAGE, Channel.EMAIL, "cust-1", "Again", Visibility.PUBLIC, LATER);

    assertThatThrownBy(() -> closed.addInteraction(reply))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("follow-up case");
  }

  @Test
  void aNoteCannotBePublic() {
    assertThatThrownBy(
            () ->
                new Interaction(Kind.NOTE, Channel.EMAIL, "agent-7", "x", Visibility.PUBLIC, LATER))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void changingThePriorityEmitsAnEventOnlyWhenItChanges() {
    Case kase = aCase();

    assertThat(kase.changePriority(Priority.NORMAL, LATER, "agent-7", "same").events()).isEmpty();
    assertThat(kase.changePriority(Priority.URGENT, LATER, "agent-7", "outage").events())
        .containsExactly(
            new CasePriorityChanged(
                "case-1", Priority.NORMAL, Priority.URGENT, "agent-7", "outage", LATER));
  }

  @Test
  void assigningSetsAssigneeAndTeam() {
    Case.Change change =
        aCase().assign(Optional.of("agent-7"), Optional.of("returns"), "lead-1", LATER);

    assertThat(change.after().assignee()).contains("agent-7");
    assertThat(change.after().team()).contains("returns");
    assertThat(change.events())
        .containsExactly(
            new CaseAssigned(
                "case-1", Optional.of("agent-7"), Optional.of("returns"), "lead-1", LATER));
  }

  @Test
  void aCustomerNeedsAnEmailThatLooksLikeOne() {
    assertThatThrownBy(
            () ->
                new Customer(
                    "c",
                    "A",
                    "B",
                    Optional.of("not-an-email"),
                    Optional.empty(),
                    "en",
                    "vip",
                    BigDecimal.ONE))
        .hasMessageContaining("not-an-email");
  }

  @Test
  void factsExposeCaseAndCustomerValuesUnderTheNamesConditionsUse() {
    CaseFacts facts = CaseFacts.of(aCase(), CaseFixtures.anAgent());

    assertThat(facts.caseValues())
        .containsEntry("category", "refund")
        .containsEntry("channel", "email")
        .containsEntry("status", "new");
    assertThat(facts.customerValues())
        .containsEntry("first_name", "Ana")
        .containsEntry("tier", "standard")
        .containsEntry("lifetime_value", new BigDecimal("420.00"));
    assertThat(facts.agentValues()).containsEntry("team", "returns");
  }
}
