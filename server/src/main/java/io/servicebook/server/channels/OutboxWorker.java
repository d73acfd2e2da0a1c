package io.servicebook.server.channels;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox: claims due messages (a claim expires, so a message claimed by a node that
 * died is tried again), hands each to its transport's {@link Delivery} outside any transaction, and
 * records the result — sent, failed for good, or retried later with a growing pause.
 *
 * <p>A node that dies after the server took a message but before it was marked sent sends it again
 * after the claim expires, with the same Message-ID: a message is never lost, and a mail client
 * shows a rare second copy as the same message.
 */
@Component
class OutboxWorker {

  private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
  private static final int BATCH = 50;
  private static final Duration FIRST_RETRY = Duration.ofSeconds(30);
  private static final Duration LONGEST_PAUSE = Duration.ofHours(1);

  private final OutboxRepository repository;
  private final Map<String, Delivery> deliveries;
  private final Clock clock;
  private final Duration polling;
  private final Duration claim;
  private final int maxAttempts;
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("outbox").factory());
  private final ExecutorService senders;
  private volatile boolean started;

  OutboxWorker(
      OutboxRepository repository,
      List<Delivery> deliveries,
      Clock clock,
      @Value("${servicebook.outbox.polling-interval:PT1S}") Duration polling,
      @Value("${servicebook.outbox.claim:PT5M}") Duration claim,
      @Value("${servicebook.outbox.max-attempts:12}") int maxAttempts,
      @Value("${servicebook.outbox.threads:4}") int threads) {
    this.repository = repository;
    this.deliveries =
        deliveries.stream().collect(Collectors.toMap(Delivery::transport, Function.identity()));
    this.clock = clock;
    this.polling = polling;
    this.claim = claim;
    this.maxAttempts = maxAttempts;
    this.senders =
        Executors.newFixedThreadPool(
            threads, Thread.ofPlatform().daemon().name("outbox-send-", 1).factory());
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    started = true;
    ticker.scheduleWithFixedDelay(
        this::tick, polling.toMillis(), polling.toMillis(), TimeUnit.MILLISECONDS);
  }

  @EventListener(ContextClosedEvent.class)
  void stop() {
    started = false;
    ticker.shutdownNow();
    senders.shutdownNow();
  }

  /** Looks at the outbox soon, on the worker's thread: a message was just queued. */
  void wakeUp() {
    if (started) {
      try {
        ticker.execute(this::tick);
      } catch (java.util.concurrent.RejectedExecutionException stopping) {
        // the server is stopping; the message waits in the outbox for the next start
      }
    }
  }

  private void tick() {
    try {
      while (deliverDue() == BATCH) {
        // a full batch: more may be due at once
      }
    } catch (RuntimeException e) {
      // the database may be away for a moment; the messages wait and the next tick tries again
      log.warn("The outbox could not be delivered just now: {}", e.toString());
    }
  }

  /** Claims and delivers up to one batch of due messages; answers how many it tried. */
  int deliverDue() {
    if (deliveries.isEmpty()) {
      return 0;
    }
    Instant now = clock.instant();
    List<Future<?>> sending = new ArrayList<>();
    for (long id : repository.due(now, deliveries.keySet(), BATCH)) {
      if (repository.claim(id, now, now.plus(claim))) {
        sending.add(senders.submit(() -> deliver(id)));
      }
    }
    for (Future<?> send : sending) {
      try {
        send.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return sending.size();
      } catch (java.util.concurrent.ExecutionException e) {
        log.warn("An outbox delivery failed unexpectedly", e.getCause());
      }
    }
    return sending.size();
  }

  private void deliver(long id) {
    OutboundMessage message = repository.find(id).orElseThrow();
    Delivery.Result result;
    try {
      result = deliveries.get(message.transport()).deliver(message);
    } catch (RuntimeException e) {
      result = new Delivery.Result.Retry(e.toString());
    }
    Instant now = clock.instant();
    switch (result) {
      case Delivery.Result.Sent sent -> repository.sent(id, now);
      case Delivery.Result.Failed failed -> repository.failed(id, failed.reason());
      case Delivery.Result.Retry retry -> {
        int attempts = message.attempts() + 1;
        if (attempts >= maxAttempts) {
          repository.failed(
              id, "Gave up after " + attempts + " attempts; the last: " + retry.reason());
        } else {
          repository.retryLater(id, now.plus(pauseAfter(attempts)), retry.reason());
        }
      }
    }
  }

  /** 30 s, 1 min, 2 min, … up to an hour between attempts. */
  static Duration pauseAfter(int attempts) {
    Duration pause = FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 20));
    return pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause;
  }
}
