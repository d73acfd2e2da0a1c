package io.servicebook.server;

import java.util.Map;

/** The channel foundation on the embedded H2 database. */
class H2ChannelIntegrationTests extends ChannelContractTests {

  @Override
  Map<String, String> database() {
    return Map.of();
  }
}
