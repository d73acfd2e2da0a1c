package io.servicebook.server;

import java.util.Map;

/** The mail pages on the embedded default, H2. */
class H2MailPagesIntegrationTests extends MailPagesContractTests {

  @Override
  Map<String, String> database() {
    return Map.of();
  }
}
