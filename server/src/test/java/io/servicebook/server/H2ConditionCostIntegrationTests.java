package io.servicebook.server;

import java.util.Map;

/** Condition costs on the embedded H2 database. */
class H2ConditionCostIntegrationTests extends ConditionCostContractTests {

  @Override
  Map<String, String> database() {
    return Map.of();
  }
}
