package io.servicebook.server;

import java.util.Map;

/** Email both ways on the embedded default, H2. */
class H2MailIntegrationTests extends MailContractTests {

  @Override
  Map<String, String> database() {
    return Map.of();
  }
}
