package io.servicebook.server.console;

import io.servicebook.compensation.CompensationOffer;
import io.servicebook.compensation.Money;
import io.servicebook.escalation.EscalationLadder;
import io.servicebook.escalation.EscalationLevel;
import io.servicebook.protocol.Priority;
import io.servicebook.server.cases.StoredCase;
import io.servicebook.server.compensation.Compensations;
import io.servicebook.server.escalation.Escalations;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** What the case page's action cards show: escalation, compensation, priority and protocol. */
@Component
class CaseActions {

  private final Escalations escalations;
  private final Compensations compensations;

  CaseActions(Escalations escalations, Compensations compensations) {
    this.escalations = escalations;
    this.compensations = compensations;
  }

  /** The case's escalation level and the levels above it, the offer, priorities, alternatives. */
  record View(
      Level level,
      List<Level> above,
      Optional<Offer> offer,
      String team,
      String month,
      String budgetLeft,
      List<String> priorities,
      List<String> alternatives) {}

  /** An escalation level by key and name. */
  record Level(String key, String name) {}

  /** The offer on the case and what is left of it. */
  record Offer(String max, String currency, String approvalAbove, String caseLeft) {}

  View of(StoredCase stored) {
    String id = stored.kase().id();
    EscalationLadder ladder = escalations.ladder();
    EscalationLevel current = escalations.level(id);
    List<Level> above =
        ladder.levels().stream()
            .filter(l -> ladder.rank(l) > ladder.rank(current))
            .map(CaseActions::level)
            .toList();
    Optional<Compensations.Standing> standing = compensations.standingOf(id);
    Optional<Offer> offer =
        standing.flatMap(
            s ->
                s.offer()
                    .map(
                        o ->
                            new Offer(
                                o.max().map(CaseActions::money).orElse(""),
                                o.currency(),
                                o.approvalAbove().map(CaseActions::money).orElse(""),
                                s.caseLeft().map(m -> money(m.amount())).orElse(""))));
    return new View(
        level(current),
        above,
        offer,
        standing.flatMap(Compensations.Standing::team).orElse(""),
        standing.map(s -> s.month().toString()).orElse(""),
        standing.flatMap(Compensations.Standing::budgetLeft).map(CaseActions::money).orElse(""),
        Arrays.stream(Priority.values()).map(Priority::key).toList(),
        stored.alternatives().stream().map(StoredCase.ProtocolRef::slug).distinct().toList());
  }

  /** The currency of the case's offer, if it has one. */
  Optional<String> currency(String caseId) {
    return compensations
        .standingOf(caseId)
        .flatMap(Compensations.Standing::offer)
        .map(CompensationOffer::currency);
  }

  private static Level level(EscalationLevel l) {
    return new Level(l.key(), l.name());
  }

  private static String money(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  private static String money(Money m) {
    return money(m.amount()) + " " + m.currency();
  }
}
