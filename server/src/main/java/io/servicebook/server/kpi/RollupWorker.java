package io.servicebook.server.kpi;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Takes what changed into the KPI rollups in the background, every {@code
 * servicebook.kpi.rollup-every}: a report never waits for more than a few changes. Several server
 * processes may run one each; the rollups' lock has them take turns.
 */
@Component
@ConditionalOnProperty(name = "servicebook.kpi.worker", havingValue = "true", matchIfMissing = true)
class RollupWorker {

  private static final Logger log = LoggerFactory.getLogger(RollupWorker.class);

  private final RollupStore store;
  private final KpiSettings settings;
  private ScheduledExecutorService executor;

  RollupWorker(RollupStore store, KpiSettings settings) {
    this.store = store;
    this.settings = settings;
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "kpi-rollups");
              thread.setDaemon(true);
              return thread;
            });
    long every = settings.rollupEvery().toMillis();
    executor.scheduleWithFixedDelay(this::run, every, every, TimeUnit.MILLISECONDS);
  }

  private void run() {
    try {
      long taken = store.catchUp(n -> {});
      if (taken > RollupStore.BATCH) {
        log.info("KPI rollups took in {} changes.", taken);
      }
    } catch (RuntimeException e) {
      // the changes stay marked and are taken in by the next run
      log.warn("KPI rollups could not take in changes; trying again shortly.", e);
    }
  }

  @EventListener(ContextClosedEvent.class)
  void stop() throws InterruptedException {
    if (executor != null) {
      executor.shutdown();
      executor.awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
