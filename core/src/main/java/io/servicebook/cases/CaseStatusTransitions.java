package io.servicebook.cases;

import static io.servicebook.cases.CaseStatus.CLOSED;
import static io.servicebook.cases.CaseStatus.NEW;
import static io.servicebook.cases.CaseStatus.OPEN;
import static io.servicebook.cases.CaseStatus.RESOLVED;
import static io.servicebook.cases.CaseStatus.WAITING_ON_CUSTOMER;
import static io.servicebook.cases.CaseStatus.WAITING_ON_THIRD_PARTY;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one table of allowed case status moves.
 *
 * <p>A case never moves to the status it has. {@code RESOLVED → OPEN} is a reopen (the customer
 * says it is not fixed). {@code CLOSED} is final, as in Zendesk: a customer who writes about a
 * closed case gets a follow-up case, so reopen counts and resolution times stay honest. A new case
 * cannot be closed without being resolved first, so every closed case has a resolution time.
 */
public final class CaseStatusTransitions {

  private static final Map<CaseStatus, Set<CaseStatus>> ALLOWED = table();

  private CaseStatusTransitions() {}

  private static Map<CaseStatus, Set<CaseStatus>> table() {
    Map<CaseStatus, Set<CaseStatus>> table = new EnumMap<>(CaseStatus.class);
    table.put(NEW, EnumSet.of(OPEN, WAITING_ON_CUSTOMER, WAITING_ON_THIRD_PARTY, RESOLVED));
    table.put(OPEN, EnumSet.of(WAITING_ON_CUSTOMER, WAITING_ON_THIRD_PARTY, RESOLVED));
    table.put(WAITING_ON_CUSTOMER, EnumSet.of(OPEN, WAITING_ON_THIRD_PARTY, RESOLVED));
    table.put(WAITING_ON_THIRD_PARTY, EnumSet.of(OPEN, WAITING_ON_CUSTOMER, RESOLVED));
    table.put(RESOLVED, EnumSet.of(OPEN, CLOSED));
    table.put(CLOSED, EnumSet.noneOf(CaseStatus.class));
    table.replaceAll((from, to) -> Collections.unmodifiableSet(to));
    return Collections.unmodifiableMap(table);
  }

  public static boolean isAllowed(CaseStatus from, CaseStatus to) {
    return ALLOWED.get(from).contains(to);
  }

  /** The statuses a case in {@code from} may move to. */
  public static Set<CaseStatus> allowedFrom(CaseStatus from) {
    return ALLOWED.get(from);
  }

  /**
   * @throws IllegalCaseTransition if the table does not allow the move
   */
  public static void check(CaseStatus from, CaseStatus to) {
    if (!isAllowed(from, to)) {
      throw new IllegalCaseTransition(from, to, allowedFrom(from));
    }
  }
}
