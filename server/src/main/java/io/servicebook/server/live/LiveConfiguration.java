package io.servicebook.server.live;

import io.servicebook.server.Databases;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Wires the live events to the database: on PostgreSQL each event is a NOTIFY in the publishing
 * transaction (outside one, on its own), which every node's listener hears once it commits, this
 * node's included; on H2, which has one node, events go straight to the subscribers after the
 * commit.
 */
@Component
class LiveConfiguration implements InitializingBean, DisposableBean {

  private final LiveEvents events;
  private final LiveRepository repository;
  private final Environment environment;
  private PostgresListener listener;

  LiveConfiguration(LiveEvents events, LiveRepository repository, Environment environment) {
    this.events = events;
    this.repository = repository;
    this.environment = environment;
  }

  @Override
  public void afterPropertiesSet() {
    String url = environment.getProperty("spring.datasource.url", "");
    if (url.isEmpty() || Databases.isEmbedded(url)) {
      events.use(events::deliver);
      return;
    }
    listener =
        new PostgresListener(
            url,
            environment.getProperty("spring.datasource.username", ""),
            environment.getProperty("spring.datasource.password", ""),
            events);
    listener.start();
    events.use(
        new LiveTransport() {
          @Override
          public void send(String topic, String json) {
            repository.notify(topic, json);
          }

          @Override
          public boolean holdsUntilCommit() {
            return true;
          }
        });
  }

  @Override
  public void destroy() {
    if (listener != null) {
      listener.stop();
    }
    events.shutdown();
  }
}
