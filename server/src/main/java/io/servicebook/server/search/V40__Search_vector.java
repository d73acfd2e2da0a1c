package io.servicebook.server.search;

import java.sql.Statement;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, each search entry's stemmed words in its own language's text search configuration,
 * kept by PostgreSQL itself (a stored generated column) and GIN-indexed; H2 has no such type, and
 * its search is Lucene's, so there the migration does nothing. Spring Boot hands this bean to
 * Flyway, which names its version after the class.
 */
@Component
class V40__Search_vector extends PostgresMigration {

  @Override
  void migrate(Statement statement) throws Exception {
    statement.execute(
        """
        ALTER TABLE search_entry ADD COLUMN words tsvector GENERATED ALWAYS AS (
          to_tsvector(CASE language
                        WHEN 'english' THEN 'english'::regconfig
                        WHEN 'german' THEN 'german'::regconfig
                        WHEN 'spanish' THEN 'spanish'::regconfig
                        ELSE 'simple'::regconfig END,
                      title || ' ' || body)) STORED""");
    statement.execute("CREATE INDEX search_entry_words ON search_entry USING GIN (words)");
  }
}
