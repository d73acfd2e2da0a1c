package io.servicebook.server.security;

import java.util.Locale;

/** What a user may do: each role opens a set of pages and API calls. */
public enum Role {
  ADMIN,
  AUTHOR,
  REVIEWER,
  SUPERVISOR,
  AGENT;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
