package io.servicebook.kpi;

import io.servicebook.protocol.Benchmark;
import io.servicebook.protocol.Kpi;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a protocol stands against its benchmarks over a window, with the evidence of each check; the
 * rules are in {@code docs/kpis.md}, benchmark health.
 */
public record Health(Status status, List<Check> checks) {

  /** From best to worst, as the protocol's health takes the worst of its checks. */
  public enum Status {
    OK,
    NOT_ENOUGH_DATA,
    AT_RISK,
    FAILING
  }

  /** The minimum sample behind a KPI, and how far it may miss its target to be only at risk. */
  public record Rules(int minimumSample, BigDecimal margin) {

    public static final Rules DEFAULT = new Rules(30, new BigDecimal("0.10"));

    public Rules {
      if (minimumSample < 1) {
        throw new IllegalArgumentException(
            "The minimum sample is at least 1, not " + minimumSample + ".");
      }
      if (margin.signum() < 0) {
        throw new IllegalArgumentException("The margin cannot be negative: " + margin + ".");
      }
    }
  }

  /** One benchmark checked: its status, the measured value (if any) and the sample size. */
  public record Check(Benchmark benchmark, Status status, Optional<BigDecimal> value, long n) {

    public Check {
      Objects.requireNonNull(benchmark, "benchmark");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(value, "value");
    }

    public Kpi kpi() {
      return benchmark.kpi();
    }

    /**
     * A sentence for the review queue, such as {@code csat_avg is 4.2 against >= 4.5 (n = 120)}.
     */
    public String evidence() {
      String measured =
          value
              .map(v -> v.round(new MathContext(4, RoundingMode.HALF_EVEN)).toPlainString())
              .orElse("not measured");
      String unit = kpi().unit() == Kpi.Unit.DURATION && value.isPresent() ? " s" : "";
      return kpi().key()
          + " is "
          + measured
          + unit
          + " against "
          + benchmark.comparison().symbol()
          + " "
          + benchmark.target().toPlainString()
          + unit
          + " (n = "
          + n
          + ")";
    }
  }

  public Health {
    Objects.requireNonNull(status, "status");
    checks = List.copyOf(checks);
  }

  /** The checks that fail or are at risk, worst first. */
  public List<Check> concerns() {
    return checks.stream()
        .filter(c -> c.status() == Status.FAILING || c.status() == Status.AT_RISK)
        .sorted(Comparator.comparing(Check::status).reversed())
        .toList();
  }

  static Health evaluate(List<Benchmark> benchmarks, KpiValues values, Rules rules) {
    List<Check> checks = benchmarks.stream().map(b -> check(b, values, rules)).toList();
    Status status =
        checks.stream()
            .map(Check::status)
            .max(Comparator.naturalOrder())
            .orElse(Status.NOT_ENOUGH_DATA);
    return new Health(status, checks);
  }

  private static Check check(Benchmark benchmark, KpiValues values, Rules rules) {
    KpiReading reading = KpiReading.of(benchmark.kpi(), values);
    if (reading.value().isEmpty() || reading.n() < rules.minimumSample()) {
      return new Check(benchmark, Status.NOT_ENOUGH_DATA, reading.value(), reading.n());
    }
    BigDecimal value = reading.value().get();
    return new Check(benchmark, status(benchmark, value, rules), reading.value(), reading.n());
  }

  private static Status status(Benchmark benchmark, BigDecimal value, Rules rules) {
    if (benchmark.comparison().holds(value, benchmark.target())) {
      return Status.OK;
    }
    BigDecimal miss = value.subtract(benchmark.target()).abs();
    BigDecimal allowed = benchmark.target().abs().multiply(rules.margin());
    return miss.compareTo(allowed) <= 0 ? Status.AT_RISK : Status.FAILING;
  }
}
