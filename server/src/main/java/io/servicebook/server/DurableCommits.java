package io.servicebook.server;

import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A transaction commits durably before the server answers, on H2 as on PostgreSQL. H2 writes a
 * commit to its file at once ({@code WRITE_DELAY=0}, see {@link Databases}), which survives the
 * process being killed; this transaction manager then waits, after each commit, for the file to be
 * forced to the device, which survives a power loss. The waits of concurrent commits share one sync
 * ({@link GroupSync}). On PostgreSQL the database does this itself and nothing is added.
 */
@Configuration(proxyBeanMethods = false)
class DurableCommits {

  @Bean
  JdbcTransactionManager transactionManager(
      DataSource dataSource, @Value("${spring.datasource.url:}") String url) {
    return Databases.isEmbedded(url)
        ? new SyncingTransactionManager(dataSource)
        : new JdbcTransactionManager(dataSource);
  }

  /** After a commit on H2: the file forced to the device, shared with concurrent commits. */
  static final class SyncingTransactionManager extends JdbcTransactionManager {

    private final transient GroupSync sync = new GroupSync();

    SyncingTransactionManager(DataSource dataSource) {
      super(dataSource);
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
      super.doCommit(status);
      if (status.isReadOnly()) {
        return;
      }
      // the committing connection itself syncs: borrowing another one could wait on a full pool
      ConnectionHolder holder =
          (ConnectionHolder) TransactionSynchronizationManager.getResource(obtainDataSource());
      Connection connection = holder.getConnection();
      try {
        sync.await(() -> forceToDevice(connection));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TransactionSystemException("interrupted while the commit was made durable", e);
      } catch (Exception e) {
        throw new TransactionSystemException(
            "the commit could not be made durable (syncing the H2 file failed)", e);
      }
    }

    /**
     * CHECKPOINT SYNC fsyncs the file. Every commit is in the file already: with WRITE_DELAY=0 the
     * committing thread stores it under H2's store lock before its commit returns.
     */
    private static void forceToDevice(Connection connection) throws Exception {
      try (Statement statement = connection.createStatement()) {
        statement.execute("CHECKPOINT SYNC");
      }
    }
  }
}
