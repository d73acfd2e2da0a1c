package io.servicebook.server.search;

import java.sql.Statement;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A migration of what only PostgreSQL's search has (its vectors and their indexes): on H2, whose
 * search is Lucene's, it does nothing. Spring Boot hands the beans to Flyway, which names each
 * version after its class.
 */
abstract class PostgresMigration extends BaseJavaMigration {

  @Override
  public final void migrate(Context context) throws Exception {
    String product = context.getConnection().getMetaData().getDatabaseProductName();
    if (!product.toLowerCase(Locale.ROOT).contains("postgres")) {
      return;
    }
    try (Statement statement = context.getConnection().createStatement()) {
      migrate(statement);
    }
  }

  abstract void migrate(Statement statement) throws Exception;
}
