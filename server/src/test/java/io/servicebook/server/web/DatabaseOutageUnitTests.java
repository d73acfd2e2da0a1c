package io.servicebook.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.TransactionSystemException;

class DatabaseOutageUnitTests {

  @Test
  void aPoolThatCannotHandOutAConnectionIsAnOutage() {
    assertThat(
            DatabaseOutage.causes(
                new CannotGetJdbcConnectionException(
                    "no connection",
                    new SQLTransientConnectionException("Connection is not available"))))
        .isTrue();
  }

  @Test
  void aConnectionExceptionSqlStateDeepInTheCausesIsAnOutage() {
    SQLException io =
        new SQLException("An I/O error occurred while sending to the backend.", "08006");
    assertThat(DatabaseOutage.causes(new UncategorizedSQLException("insert", "INSERT", io)))
        .isTrue();
  }

  @Test
  void aPostgresShuttingDownIsAnOutage() {
    assertThat(DatabaseOutage.causes(new SQLException("terminating connection", "57P01"))).isTrue();
  }

  @Test
  void aFailedRollbackAfterALostConnectionIsAnOutage() {
    TransactionSystemException rollback =
        new TransactionSystemException(
            "JDBC rollback failed", new SQLException("Connection is closed"));
    rollback.initApplicationException(
        new UncategorizedSQLException("insert", "INSERT", new SQLException("I/O error", "08006")));
    assertThat(DatabaseOutage.causes(rollback)).isTrue();
  }

  @Test
  void aCommitCutOffWhoseRollbackTheClosedConnectionRefusesIsAnOutage() {
    // what Spring throws when the commit fails and the rollback after it fails too: the rollback's
    // exception alone, with Hikari's closed connection (no SQLSTATE) as its cause
    assertThat(
            DatabaseOutage.causes(
                new TransactionSystemException(
                    "JDBC rollback failed", new SQLException("Connection is closed"))))
        .isTrue();
  }

  @Test
  void aStatementOnAConnectionThePoolClosedIsAnOutageAlsoBehindItsFailedRollback() {
    UncategorizedSQLException closed =
        new UncategorizedSQLException(
            "PreparedStatementCallback",
            "SELECT id FROM app_user WHERE username = ?",
            new SQLException("Connection is closed"));
    assertThat(DatabaseOutage.causes(closed)).isTrue();
    TransactionSystemException rollback =
        new TransactionSystemException(
            "JDBC rollback failed", new SQLException("Connection is closed"));
    rollback.initApplicationException(closed);
    assertThat(DatabaseOutage.causes(rollback)).isTrue();
  }

  @Test
  void aBrokenConstraintIsABugNotAnOutage() {
    assertThat(
            DatabaseOutage.causes(
                new DataIntegrityViolationException(
                    "duplicate key", new SQLException("duplicate key", "23505"))))
        .isFalse();
  }

  @Test
  void aFailedRollbackOfABugIsNotAnOutage() {
    TransactionSystemException rollback =
        new TransactionSystemException(
            "JDBC rollback failed", new SQLException("Connection is closed"));
    rollback.initApplicationException(new IllegalStateException("bug"));
    assertThat(DatabaseOutage.causes(rollback)).isFalse();
  }
}
