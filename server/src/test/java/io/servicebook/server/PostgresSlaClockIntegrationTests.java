package io.servicebook.server;

import java.util.Map;

/** SLA clocks and timers around resolving, closing and reopening, on PostgreSQL. */
class PostgresSlaClockIntegrationTests extends SlaClockContractTests {

  @Override
  Map<String, String> database() {
    return TestDatabases.freshPostgres();
  }
}
