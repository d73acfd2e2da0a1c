package io.servicebook.server.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * API tokens ({@code servicebook.tokens.*}): how long a new token lives when its maker does not
 * say, as an ISO-8601 duration ({@code P90D}) or {@code never}.
 */
@ConfigurationProperties("servicebook.tokens")
record TokenSettings(String defaultExpiry) {

  TokenSettings {
    defaultExpiry = defaultExpiry == null || defaultExpiry.isBlank() ? "P90D" : defaultExpiry;
  }
}
