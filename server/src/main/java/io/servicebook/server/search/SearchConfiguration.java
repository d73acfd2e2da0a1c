package io.servicebook.server.search;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** PostgreSQL's own full-text search on PostgreSQL; on H2, Lucene's, loaded from H2's entries. */
@Configuration
class SearchConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SearchConfiguration.class);

  @Bean(destroyMethod = "close")
  SearchEngine searchEngine(SearchDatabase database, SearchEntryRepository entries) {
    if (database.postgres()) {
      return entries.postgresSearch();
    }
    LuceneSearch lucene = new LuceneSearch();
    long started = System.nanoTime();
    long[] count = {0};
    entries.each(
        e -> {
          lucene.add(e);
          count[0]++;
        });
    lucene.refresh();
    log.info(
        "Search: Lucene index of {} entries built in {} ms",
        count[0],
        (System.nanoTime() - started) / 1_000_000);
    return lucene;
  }
}
