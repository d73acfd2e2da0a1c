package io.servicebook.compensation;

import io.servicebook.protocol.Action;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * What a protocol's {@code compensate} action allows on one case: at most {@code max} in total (no
 * limit when absent), in {@code currency}, and a supervisor's approval once the case's total would
 * go above {@code approvalAbove} (never when absent).
 */
public record CompensationOffer(
    Optional<BigDecimal> max, String currency, Optional<BigDecimal> approvalAbove) {

  public CompensationOffer {
    Objects.requireNonNull(max, "max");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(approvalAbove, "approvalAbove");
  }

  public static CompensationOffer of(Action.Compensate action) {
    return new CompensationOffer(action.max(), action.currency(), action.approvalAbove());
  }
}
