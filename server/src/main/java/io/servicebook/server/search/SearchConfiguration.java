package io.servicebook.server.search;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/** PostgreSQL's own full-text search on PostgreSQL; on H2, Lucene's, loaded from H2's entries. */
@Configuration
class SearchConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SearchConfiguration.class);

  @Bean(destroyMethod = "close")
  SearchEngine searchEngine(
      SearchDatabase database,
      SearchEntryRepository entries,
      TransactionTemplate transactions,
      Clock clock,
      MeterRegistry meters,
      @Value("${servicebook.search.postgres.newest:2000}") int newest,
      @Value("${servicebook.search.postgres.window:20000}") int window,
      @Value("${servicebook.search.postgres.refresh:PT5M}") Duration refresh) {
    if (database.postgres()) {
      return entries.postgresSearch(
          transactions,
          clock,
          meters,
          new PostgresSearchRepository.Tuning(newest, window, refresh));
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
