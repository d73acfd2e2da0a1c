package io.servicebook.server;

import java.util.Map;

/** The channel foundation on PostgreSQL. */
class PostgresChannelIntegrationTests extends ChannelContractTests {

  @Override
  Map<String, String> database() {
    return TestDatabases.freshPostgres();
  }
}
