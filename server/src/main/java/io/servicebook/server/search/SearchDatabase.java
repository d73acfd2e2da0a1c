package io.servicebook.server.search;

import io.servicebook.server.Databases;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Which database holds the data: PostgreSQL searches itself, H2 is searched with Lucene. */
@Component
class SearchDatabase {

  private final boolean postgres;

  SearchDatabase(Environment environment) {
    String url = environment.getProperty("spring.datasource.url", "");
    this.postgres = !url.isEmpty() && !Databases.isEmbedded(url);
  }

  boolean postgres() {
    return postgres;
  }
}
