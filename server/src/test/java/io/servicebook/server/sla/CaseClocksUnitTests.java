package io.servicebook.server.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.cases.Case;
import io.servicebook.cases.CaseStatus;
import io.servicebook.cases.Customer;
import io.servicebook.condition.Compilation;
import io.servicebook.condition.Conditions;
import io.servicebook.diagnostics.Position;
import io.servicebook.protocol.Channel;
import io.servicebook.protocol.Condition;
import io.servicebook.protocol.Priority;
import io.servicebook.protocol.Sla;
import io.servicebook.sla.SlaClocks;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CaseClocksUnitTests {

  static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

  static Case aCase() {
    Customer customer =
        new Customer(
            "c1",
            "Ana",
            "García",
            Optional.of("ana@example.com"),
            Optional.empty(),
            "en",
            "vip",
            BigDecimal.ZERO);
    return Case.open("k1", customer, Channel.EMAIL, "return", "Broken", Priority.NORMAL, "a", NOW)
        .after();
  }

  static Sla pausedWhen(Optional<String> expression) {
    Optional<Condition> condition =
        expression.map(
            text ->
                new Condition(
                    text,
                    Position.START,
                    ((Compilation.Compiled) Conditions.forFields(List.of()).compile(text))
                        .condition()));
    return new Sla(
        Optional.empty(), Sla.Targets.NONE, Map.of(), condition, 0.75, List.of(), Position.START);
  }

  @Test
  void withoutPauseWhenClocksPauseWhileWaitingOnTheCustomer() {
    SlaClocks.PauseRule rule = CaseClocks.pauseRule(pausedWhen(Optional.empty()), aCase(), NOW);
    assertThat(rule.paused(CaseStatus.WAITING_ON_CUSTOMER, Priority.NORMAL)).isTrue();
    assertThat(rule.paused(CaseStatus.WAITING_ON_THIRD_PARTY, Priority.NORMAL)).isFalse();
  }

  @Test
  void pauseWhenIsAskedWithTheStatusAndPriorityTheClocksTryAndTheCasesOtherValues() {
    SlaClocks.PauseRule rule =
        CaseClocks.pauseRule(
            pausedWhen(
                Optional.of(
                    "case.status == \"waiting_on_third_party\" ||"
                        + " (case.priority == \"low\" && customer.tier != \"vip\")")),
            aCase(),
            NOW);
    assertThat(rule.paused(CaseStatus.WAITING_ON_THIRD_PARTY, Priority.URGENT)).isTrue();
    assertThat(rule.paused(CaseStatus.WAITING_ON_CUSTOMER, Priority.NORMAL)).isFalse();
    assertThat(rule.paused(CaseStatus.OPEN, Priority.LOW)).isFalse(); // a vip's case never waits
  }

  @Test
  void withoutACalendarEveryHourCounts() {
    assertThat(CaseClocks.AROUND_THE_CLOCK.isAlwaysOpen()).isTrue();
  }
}
