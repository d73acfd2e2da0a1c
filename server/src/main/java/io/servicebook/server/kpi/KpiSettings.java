package io.servicebook.server.kpi;

import io.servicebook.kpi.Window;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The rolling window of benchmark health ({@code servicebook.kpi.window}), 30 days unless set. */
@ConfigurationProperties("servicebook.kpi")
record KpiSettings(Duration window) {

  KpiSettings {
    window = window == null ? Window.DEFAULT_LENGTH : window;
  }
}
