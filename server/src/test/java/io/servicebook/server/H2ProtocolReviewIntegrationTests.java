package io.servicebook.server;

import java.util.Map;

/**
 * "Reviewed, no change", review reminders and the "review due" filter on the embedded H2 database.
 */
class H2ProtocolReviewIntegrationTests extends ProtocolReviewContractTests {

  @Override
  Map<String, String> database() {
    return Map.of();
  }
}
