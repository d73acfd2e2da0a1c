package io.servicebook.cases;

import java.util.Locale;

/**
 * Where a case stands; the moves between them are in {@link CaseStatusTransitions}.
 *
 * <p>SLA clocks pause while a case waits on the customer; a resolved case may reopen, a closed one
 * never does.
 */
public enum CaseStatus {
  NEW,
  OPEN,
  WAITING_ON_CUSTOMER,
  WAITING_ON_THIRD_PARTY,
  RESOLVED,
  CLOSED;

  /** The name conditions compare with, such as {@code waiting_on_customer}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
