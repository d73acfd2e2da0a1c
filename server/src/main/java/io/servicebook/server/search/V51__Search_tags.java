package io.servicebook.server.search;

import java.sql.Statement;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, the entry's status, team and channel, and the day and week it was made in (counted
 * from 1970), become words of its vector as well, as tags no text can make ({@code ~status~OPEN},
 * {@code ~day~20429}: the parser splits at the tilde), so that a search with filters or within the
 * newest entries is narrowed inside the GIN index rather than row by row; and cases and customers
 * get a GIN index each, so that a word common in cases costs nothing in a search of customers. The
 * vector is made again for every entry (PostgreSQL rewrites the table: about two and a half minutes
 * for a million entries). H2's search is Lucene's, so there the migration does nothing.
 */
@Component
class V51__Search_tags extends PostgresMigration {

  @Override
  void migrate(Statement statement) throws Exception {
    statement.execute("ALTER TABLE search_entry DROP COLUMN words");
    statement.execute(
        """
        ALTER TABLE search_entry ADD COLUMN words tsvector GENERATED ALWAYS AS (
          to_tsvector(CASE language
                        WHEN 'english' THEN 'english'::regconfig
                        WHEN 'german' THEN 'german'::regconfig
                        WHEN 'spanish' THEN 'spanish'::regconfig
                        ELSE 'simple'::regconfig END,
                      title || ' ' || body)
          || array_to_tsvector(ARRAY['~status~' || COALESCE(status, ''),
                                     '~team~' || COALESCE(team, ''),
                                     '~channel~' || COALESCE(channel, ''),
                                     '~day~' || FLOOR(EXTRACT(EPOCH FROM
                                       created_at - TIMESTAMPTZ '1970-01-01 00:00:00+00') / 86400)::BIGINT,
                                     '~week~' || FLOOR(EXTRACT(EPOCH FROM
                                       created_at - TIMESTAMPTZ '1970-01-01 00:00:00+00') / 604800)::BIGINT
                                    ])) STORED""");
    statement.execute(
        "CREATE INDEX search_entry_case_words ON search_entry USING GIN (words)"
            + " WHERE kind = 'case'");
    statement.execute(
        "CREATE INDEX search_entry_customer_words ON search_entry USING GIN (words)"
            + " WHERE kind = 'customer'");
  }
}
