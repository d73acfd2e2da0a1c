package io.servicebook.server.search;

import java.time.Instant;

/**
 * What the search index holds of a case or a customer: the title shown (a case's subject, a
 * customer's name), the text searched besides it, the language both are stemmed in, and what a
 * search filters and orders cases by.
 *
 * @param kind {@code case} or {@code customer}
 * @param status, team, channel a case's, as stored on it (null for a customer)
 */
record SearchEntry(
    String kind,
    String refId,
    SearchLanguage language,
    String title,
    String body,
    String status,
    String team,
    String channel,
    Instant createdAt) {

  static final String CASE = "case";
  static final String CUSTOMER = "customer";
}
