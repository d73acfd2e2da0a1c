package io.servicebook.server;

import java.util.Map;

/** The administration's budgets, calendars and audit pages on the embedded default, H2. */
class H2AdminMoneyIntegrationTests extends AdminMoneyContractTests {

  @Override
  Map<String, String> database() {
    return Map.of();
  }
}
