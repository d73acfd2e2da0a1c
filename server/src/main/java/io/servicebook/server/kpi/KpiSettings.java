package io.servicebook.server.kpi;

import io.servicebook.kpi.Window;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The KPI settings ({@code servicebook.kpi.*}): the rolling window of benchmark health (30 days
 * unless set), the time zone whose days the rollups are kept by (UTC unless set) and how often the
 * rollups take in what changed (every second unless set).
 */
@ConfigurationProperties("servicebook.kpi")
record KpiSettings(Duration window, ZoneId zone, Duration rollupEvery) {

  KpiSettings {
    window = window == null ? Window.DEFAULT_LENGTH : window;
    zone = zone == null ? ZoneOffset.UTC : zone.normalized();
    rollupEvery = rollupEvery == null ? Duration.ofSeconds(1) : rollupEvery;
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException(
          "servicebook.kpi.window must be a positive duration such as P30D, not " + window + ".");
    }
    if (rollupEvery.isNegative() || rollupEvery.isZero()) {
      throw new IllegalArgumentException(
          "servicebook.kpi.rollup-every must be a positive duration such as PT1S, not "
              + rollupEvery
              + ".");
    }
  }
}
