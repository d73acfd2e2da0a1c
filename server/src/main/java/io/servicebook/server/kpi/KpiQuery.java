package io.servicebook.server.kpi;

import io.servicebook.kpi.Window;
import java.util.Objects;
import java.util.Optional;

/** Which cases a report counts: those created in the window, of one protocol (and version). */
record KpiQuery(Optional<String> protocol, Optional<Integer> version, Window window) {

  KpiQuery {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(window, "window");
  }
}
