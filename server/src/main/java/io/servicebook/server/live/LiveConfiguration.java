package io.servicebook.server.live;

import io.servicebook.server.Databases;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the live events to the database: on PostgreSQL each event is a NOTIFY (sent in a
 * transaction of its own once the publishing one has committed) that every node's listener hears,
 * this one's included; on H2, which has one node, events go straight to the subscribers.
 */
@Component
class LiveConfiguration implements InitializingBean, DisposableBean {

  private final LiveEvents events;
  private final LiveRepository repository;
  private final TransactionTemplate ownTransaction;
  private final Environment environment;
  private PostgresListener listener;

  LiveConfiguration(
      LiveEvents events,
      LiveRepository repository,
      PlatformTransactionManager transactions,
      Environment environment) {
    this.events = events;
    this.repository = repository;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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
        (topic, json) ->
            ownTransaction.executeWithoutResult(status -> repository.notify(topic, json)));
  }

  /** Whether events reach other nodes now: always on H2, while listening on PostgreSQL. */
  boolean connected() {
    return listener == null || listener.listening();
  }

  @Override
  public void destroy() {
    if (listener != null) {
      listener.stop();
    }
    events.shutdown();
  }
}
