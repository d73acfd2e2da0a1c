package io.servicebook.server.compensation;

import io.servicebook.compensation.CompensationOffer;
import io.servicebook.compensation.Money;
import io.servicebook.server.compensation.CompensationRepository.LedgerLine;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON shapes of compensations and budgets. Amounts are strings with two decimals ({@code
 * "25.50"}), so no client reads money as a binary float.
 */
final class CompensationViews {

  private CompensationViews() {}

  static Map<String, Object> compensation(StoredCompensation c) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", c.id());
    view.put("case_id", c.caseId());
    view.put("status", c.status().key());
    view.put("amount", amount(c.amount().amount()));
    view.put("currency", c.amount().currency());
    view.put("reason", c.reason());
    view.put("team", c.team().orElse(null));
    view.put("run_id", c.runId().orElse(null));
    view.put("step_id", c.stepId().orElse(null));
    view.put("offer", c.offer().map(CompensationViews::offer).orElse(null));
    view.put("requested_by", c.requestedBy());
    view.put("requested_at", c.requestedAt().toString());
    view.put("decided_by", c.decidedBy().orElse(null));
    view.put("decided_at", c.decidedAt().map(Object::toString).orElse(null));
    view.put("decision_reason", c.decisionReason().orElse(null));
    return view;
  }

  static Map<String, Object> budget(Compensations.BudgetView b) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("team", b.budget().team());
    view.put("month", b.budget().month().toString());
    view.put("currency", b.budget().amount().currency());
    view.put("budget", amount(b.budget().amount().amount()));
    view.put("spent", amount(b.spent().amount()));
    view.put("left", amount(b.left().amount()));
    view.put("set_by", b.budget().setBy());
    view.put("set_at", b.budget().setAt().toString());
    view.put("ledger", b.ledger().stream().map(CompensationViews::line).toList());
    return view;
  }

  static String amount(BigDecimal amount) {
    return (amount.scale() <= 2 ? amount.setScale(2) : amount).toPlainString();
  }

  static Map<String, Object> money(Money money) {
    return Map.of("amount", amount(money.amount()), "currency", money.currency());
  }

  private static Map<String, Object> offer(CompensationOffer offer) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("max", offer.max().map(CompensationViews::amount).orElse(null));
    view.put("currency", offer.currency());
    view.put("approval_above", offer.approvalAbove().map(CompensationViews::amount).orElse(null));
    return view;
  }

  private static Map<String, Object> line(LedgerLine line) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("compensation_id", line.compensationId());
    view.put("case_id", line.caseId());
    view.put("amount", amount(line.amount().amount()));
    view.put("currency", line.amount().currency());
    view.put("granted_by", line.grantedBy());
    view.put("granted_at", line.grantedAt().toString());
    return view;
  }
}
