package io.servicebook.server.live;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on the live channel on a connection of its own (outside the pool, which it would hold
 * forever), and hands each notification to this node's subscribers. When the connection breaks it
 * connects again, backing off up to ten seconds, and tells subscribers to read again since events
 * may have passed meanwhile.
 */
final class PostgresListener implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(PostgresListener.class);
  private static final int WAIT_MILLIS = 5_000;
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  private final String url;
  private final String user;
  private final String password;
  private final LiveEvents events;
  private volatile boolean running = true;
  private volatile Connection connection;
  private final CountDownLatch firstListen = new CountDownLatch(1);
  private Thread thread;

  PostgresListener(String url, String user, String password, LiveEvents events) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.events = events;
  }

  /** Starts listening; waits a few seconds for the first LISTEN so a new node hears at once. */
  void start() {
    thread = Thread.ofPlatform().daemon().name("live-listener").start(this);
    try {
      firstListen.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void stop() {
    running = false;
    closeQuietly();
    if (thread != null) {
      thread.interrupt();
    }
  }

  @Override
  public void run() {
    long backoff = 100;
    boolean first = true;
    while (running) {
      try (Connection c = DriverManager.getConnection(url, user, password)) {
        connection = c;
        try (Statement statement = c.createStatement()) {
          statement.execute("LISTEN " + LiveRepository.CHANNEL);
        }
        firstListen.countDown();
        if (!first) {
          log.info("Live events: listening again");
          events.resync();
        }
        first = false;
        backoff = 100;
        receive(c.unwrap(PGConnection.class));
      } catch (SQLException e) {
        if (!running) {
          return;
        }
        log.warn(
            "Live events: the listening connection failed ({}); connecting again", e.toString());
        first = false;
        pause(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
      }
    }
  }

  private void receive(PGConnection pg) throws SQLException {
    while (running) {
      PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
      if (notifications == null) {
        continue;
      }
      for (PGNotification n : notifications) {
        String payload = n.getParameter();
        int newline = payload.indexOf('\n');
        if (newline > 0) {
          events.deliver(payload.substring(0, newline), payload.substring(newline + 1));
        }
      }
    }
  }

  private void closeQuietly() {
    Connection c = connection;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing to stop; nothing to do about a failure
      }
    }
  }

  private void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
