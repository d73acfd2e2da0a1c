package io.servicebook.server;

import java.util.Map;

/** The survey contract on the embedded H2 database. */
class H2SurveyIntegrationTests extends SurveyContractTests {

  @Override
  Map<String, String> database() {
    return Map.of();
  }
}
