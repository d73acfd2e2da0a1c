package io.servicebook.server;

import java.util.Map;

/** The help centre's contact form on PostgreSQL. */
class PostgresContactFormIntegrationTests extends ContactFormContractTests {

  @Override
  Map<String, String> database() {
    return TestDatabases.freshPostgres();
  }
}
