package io.servicebook.server.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.kpi.Rollup;
import io.servicebook.kpi.Slicing;
import io.servicebook.kpi.Window;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReportCacheUnitTests {

  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  static final ReportCache.DataState STATE = new ReportCache.DataState(10, 10);

  Instant now = NOW;
  final Clock clock =
      new Clock() {
        @Override
        public Instant instant() {
          return now;
        }

        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }
      };
  final ReportCache cache = new ReportCache(2, Duration.ofMinutes(1), clock);
  final AtomicInteger computed = new AtomicInteger();

  @Test
  void reusesAReportWhileNothingWasRecorded() {
    KpiReports.Report first = ask("refunds", STATE);
    KpiReports.Report again = ask("refunds", STATE);

    assertThat(again).isSameAs(first);
    assertThat(computed).hasValue(1);
  }

  @Test
  void computesAgainOnceSomethingWasRecorded() {
    ask("refunds", STATE);
    ask("refunds", new ReportCache.DataState(11, 11));
    // an event of a transaction that got an earlier id but committed later changes the count
    ask("refunds", new ReportCache.DataState(12, 11));

    assertThat(computed).hasValue(3);
  }

  @Test
  void computesAgainWhenTheReportIsOlderThanItsTimeToLive() {
    ask("refunds", STATE);
    now = NOW.plus(Duration.ofMinutes(1));
    ask("refunds", STATE);

    assertThat(computed).hasValue(2);
  }

  @Test
  void forgetsTheLeastRecentlyUsedBeyondItsCapacity() {
    ask("refunds", STATE);
    ask("returns", STATE);
    ask("refunds", STATE);
    ask("billing", STATE);
    ask("refunds", STATE);
    ask("returns", STATE);

    assertThat(computed).hasValue(4);
  }

  private KpiReports.Report ask(String protocol, ReportCache.DataState state) {
    KpiQuery query =
        new KpiQuery(
            Optional.of(protocol), Optional.empty(), new Window(NOW.minusSeconds(60), NOW));
    return cache.report(
        query,
        Slicing.none(),
        state,
        () -> {
          computed.incrementAndGet();
          return new KpiReports.Report(query, Slicing.none(), Rollup.empty(), new TreeMap<>());
        });
  }
}
