package io.servicebook.protocol;

import io.servicebook.diagnostics.Position;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A target a protocol sets for one of its KPIs, such as {@code csat_avg: ">= 4.5"}. Duration
 * targets are held in seconds.
 */
public record Benchmark(
    Kpi kpi, Comparison comparison, BigDecimal target, String text, Position position) {

  /** How the measured value is compared with the target. */
  public enum Comparison {
    AT_LEAST(">="),
    AT_MOST("<="),
    ABOVE(">"),
    BELOW("<");

    private final String symbol;

    Comparison(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    public boolean holds(BigDecimal measured, BigDecimal target) {
      int c = measured.compareTo(target);
      return switch (this) {
        case AT_LEAST -> c >= 0;
        case AT_MOST -> c <= 0;
        case ABOVE -> c > 0;
        case BELOW -> c < 0;
      };
    }
  }

  public Benchmark {
    Objects.requireNonNull(kpi, "kpi");
    Objects.requireNonNull(comparison, "comparison");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(position, "position");
  }
}
