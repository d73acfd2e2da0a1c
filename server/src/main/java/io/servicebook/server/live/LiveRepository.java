package io.servicebook.server.live;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** PostgreSQL's NOTIFY, in SQL: the event goes to every node listening on the channel. */
@Repository
class LiveRepository {

  /** The one channel all live events travel on; the topic is inside the payload. */
  static final String CHANNEL = "servicebook_live";

  private final JdbcClient jdbc;

  LiveRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void notify(String topic, String json) {
    jdbc.sql("SELECT pg_notify(:channel, :payload)")
        .param("channel", CHANNEL)
        .param("payload", topic + "\n" + json)
        .query()
        .singleValue();
  }
}
