package io.servicebook.compensation;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a case already has in the offer's currency: granted (in the ledger) and pending (waiting for
 * a supervisor). Pending amounts count against the case's maximum, so approving them can never go
 * over it.
 */
public record CaseTotals(BigDecimal granted, BigDecimal pending) {

  public static final CaseTotals NONE = new CaseTotals(BigDecimal.ZERO, BigDecimal.ZERO);

  public CaseTotals {
    Objects.requireNonNull(granted, "granted");
    Objects.requireNonNull(pending, "pending");
  }

  BigDecimal committed() {
    return granted.add(pending);
  }
}
