package io.servicebook.server;

import java.util.Map;

/** SLA clocks and timers around resolving, closing and reopening, on the embedded H2 database. */
class H2SlaClockIntegrationTests extends SlaClockContractTests {

  @Override
  Map<String, String> database() {
    return Map.of();
  }
}
