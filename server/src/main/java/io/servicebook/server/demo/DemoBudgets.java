package io.servicebook.server.demo;

import io.servicebook.compensation.CompensationRules;
import io.servicebook.compensation.Money;
import io.servicebook.server.compensation.Compensations;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * The demo teams' compensation budgets for this month and the next, in the currencies of {@link
 * DemoCompensation#TEAM_CURRENCY}, so the demo's compensation steps can be granted at once and a
 * month's turn finds a budget too. Budgets an admin set already are kept; set through the
 * compensation feature, so they are audited like any other.
 */
@Component
public class DemoBudgets {

  /** What each demo team may grant in a month. */
  static final Map<String, BigDecimal> AMOUNTS =
      Map.of(
          "support-eu", new BigDecimal("2000"),
          "support-us", new BigDecimal("2000"),
          "billing", new BigDecimal("5000"),
          "tech", new BigDecimal("1000"));

  private static final String SYSTEM = "system";

  private final Compensations compensations;
  private final Clock clock;

  DemoBudgets(Compensations compensations, Clock clock) {
    this.compensations = compensations;
    this.clock = clock;
  }

  /** Sets the budgets that are missing; answers how many it set. */
  public int seed() {
    YearMonth now = CompensationRules.budgetMonth(clock.instant());
    int set = 0;
    for (Map.Entry<String, String> team :
        new TreeMap<>(DemoCompensation.TEAM_CURRENCY).entrySet()) {
      Money amount = new Money(AMOUNTS.get(team.getKey()), team.getValue());
      for (YearMonth month : new YearMonth[] {now, now.plusMonths(1)}) {
        if (compensations.setBudgetUnlessSet(team.getKey(), month, amount, SYSTEM)) {
          set++;
        }
      }
    }
    return set;
  }
}
