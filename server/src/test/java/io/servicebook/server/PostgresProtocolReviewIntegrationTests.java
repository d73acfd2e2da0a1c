package io.servicebook.server;

import java.util.Map;

/** "Reviewed, no change", review reminders and the "review due" filter on the PostgreSQL. */
class PostgresProtocolReviewIntegrationTests extends ProtocolReviewContractTests {

  @Override
  Map<String, String> database() {
    return TestDatabases.freshPostgres();
  }
}
