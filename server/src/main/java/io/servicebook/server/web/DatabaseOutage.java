package io.servicebook.server.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure that means "the database cannot be reached now" from a bug: the first is answered
 * 503 with {@code Retry-After}, since the same request will work once the database is back; the
 * second is a 500.
 */
public final class DatabaseOutage {

  /** How long a client should wait before it tries again. */
  public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  private static final int DEEPEST_CAUSE = 20;

  private DatabaseOutage() {}

  /** Whether the failure or one of its causes says the database is unreachable or went away. */
  public static boolean causes(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < DEEPEST_CAUSE; depth++, t = t.getCause()) {
      if (isOutage(t)) {
        return true;
      }
      // the transaction's own commit or rollback failed in the driver, with no failure of the
      // application behind it: the connection broke (a commit cut off and its rollback refused by
      // the pool's closed connection, which carries no SQLSTATE)
      if (t instanceof TransactionSystemException own
          && own.getApplicationException() == null
          && own.getCause() instanceof SQLException) {
        return true;
      }
      // a statement refused by the pool's closed connection (no SQLSTATE): the connection broke
      // earlier in this transaction, in a statement whose failure was caught and logged
      if (t instanceof UncategorizedSQLException statement
          && statement.getSQLException() != null
          && statement.getSQLException().getSQLState() == null
          && "Connection is closed".equals(statement.getSQLException().getMessage())) {
        return true;
      }
      // a failed rollback hides the failure that made it necessary
      if (t instanceof TransactionSystemException rollback
          && rollback.getApplicationException() != null
          && causes(rollback.getApplicationException())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isOutage(Throwable t) {
    return t instanceof CannotGetJdbcConnectionException
        || t instanceof CannotCreateTransactionException
        || t instanceof DataAccessResourceFailureException
        || t instanceof TransientDataAccessResourceException
        || t instanceof QueryTimeoutException
        || t instanceof SQLTransientConnectionException
        || t instanceof SQLNonTransientConnectionException
        || t instanceof SQLRecoverableException
        || (t instanceof SQLException sql && connectionState(sql.getSQLState()));
  }

  /**
   * SQLSTATE class 08 is "connection exception" (refused, broken, failed); 57P01–57P03 are
   * PostgreSQL's "shut down by an administrator", "crash shutdown" and "cannot connect now".
   */
  private static boolean connectionState(String state) {
    return state != null
        && (state.startsWith("08")
            || state.equals("57P01")
            || state.equals("57P02")
            || state.equals("57P03"));
  }
}
