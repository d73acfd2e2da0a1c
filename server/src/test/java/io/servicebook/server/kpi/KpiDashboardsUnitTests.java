package io.servicebook.server.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KpiDashboardsUnitTests {

  @Test
  void aTrendRunsLeftToRightWithTheLowestValueAtTheBottom() {
    // three weeks: 10, 30, 20 → x at 2, 50, 98; y from 28 (lowest) to 2 (highest)
    assertThat(
            KpiDashboards.points(List.of(Optional.of(10.0), Optional.of(30.0), Optional.of(20.0))))
        .isEqualTo("2.0,28.0 50.0,2.0 98.0,15.0");
  }

  @Test
  void aWeekWithoutDataIsLeftOutAndOneValueDrawsNoLine() {
    assertThat(KpiDashboards.points(List.of(Optional.of(1.0), Optional.empty(), Optional.of(1.0))))
        .isEqualTo("2.0,15.0 98.0,15.0");
    assertThat(KpiDashboards.points(List.of(Optional.of(4.0), Optional.empty()))).isEmpty();
  }

  @Test
  void durationsReadAsDaysHoursMinutesOrSeconds() {
    assertThat(KpiDashboards.duration(Optional.of(93_600L))).isEqualTo("1d 2h");
    assertThat(KpiDashboards.duration(Optional.of(5_400L))).isEqualTo("1h 30m");
    assertThat(KpiDashboards.duration(Optional.of(300L))).isEqualTo("5m");
    assertThat(KpiDashboards.duration(Optional.of(42L))).isEqualTo("42s");
    assertThat(KpiDashboards.duration(Optional.empty())).isEqualTo("—");
  }
}
