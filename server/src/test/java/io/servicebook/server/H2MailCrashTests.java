package io.servicebook.server;

import java.util.Map;

/** The mail crash drill on the embedded default, H2 in the data directory. */
class H2MailCrashTests extends MailCrashContractTests {

  @Override
  Map<String, String> database() {
    return Map.of();
  }
}
