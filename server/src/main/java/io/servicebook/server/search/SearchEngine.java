package io.servicebook.server.search;

import java.util.List;

/** Finds entries by their words: PostgreSQL's full-text search, or Lucene's over H2. */
interface SearchEngine extends AutoCloseable {

  /** Ids of the cases that have every word (stemmed in some language), newest first. */
  List<String> cases(SearchCriteria criteria, int offset, int limit);

  /** Ids of the customers that have every word, newest first. */
  List<String> customers(String text, int limit);

  /** Entries just committed, for an index kept outside the database (nothing for PostgreSQL). */
  default void committed(List<SearchEntry> entries) {}

  @Override
  default void close() throws Exception {}
}
