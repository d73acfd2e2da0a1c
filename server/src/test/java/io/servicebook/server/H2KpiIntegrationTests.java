package io.servicebook.server;

import java.util.Map;

/** The KPI endpoints on the embedded H2 database. */
class H2KpiIntegrationTests extends KpiContractTests {

  @Override
  Map<String, String> database() {
    return Map.of();
  }
}
