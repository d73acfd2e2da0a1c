package io.servicebook.server.audit;

import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The server's watch over its audit trail: a check in the background soon after start (the server
 * answers meanwhile) and every {@code servicebook.audit.check-every} (an hour unless set), a
 * checkpoint every {@code servicebook.audit.checkpoint-every} (ten minutes) and at shutdown. The
 * latest result feeds the {@code audit} health, the API and the console; a newly found break is
 * logged as an error and published as {@link AuditTrailBroken}.
 */
@Component
public class AuditChecks {

  private static final Logger log = LoggerFactory.getLogger(AuditChecks.class);

  private final AuditVerification verification;
  private final AuditCheckpoints checkpoints;
  private final AuditSettings settings;
  private final ApplicationEventPublisher events;
  private final AtomicReference<AuditVerification.Result> latest = new AtomicReference<>();
  private final Object checking = new Object();
  private volatile boolean running;
  private ScheduledExecutorService timer;

  AuditChecks(
      AuditVerification verification,
      AuditCheckpoints checkpoints,
      AuditSettings settings,
      ApplicationEventPublisher events) {
    this.verification = verification;
    this.checkpoints = checkpoints;
    this.settings = settings;
    this.events = events;
  }

  /** Starts the watch in a server; the commands that open the database check on their own. */
  @EventListener
  void start(ApplicationReadyEvent ready) {
    if (ready.getSpringApplication().getWebApplicationType() == WebApplicationType.NONE) {
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "audit-checks");
              thread.setDaemon(true);
              return thread;
            });
    long check = settings.checkEvery().toMillis();
    long checkpoint = settings.checkpointEvery().toMillis();
    timer.scheduleWithFixedDelay(this::checkInTheBackground, 0, check, TimeUnit.MILLISECONDS);
    timer.scheduleWithFixedDelay(
        this::checkpointInTheBackground, checkpoint, checkpoint, TimeUnit.MILLISECONDS);
  }

  @EventListener(ContextClosedEvent.class)
  void stop() throws InterruptedException {
    if (timer == null) {
      return;
    }
    timer.shutdownNow();
    timer.awaitTermination(10, TimeUnit.SECONDS);
    timer = null;
    checkpointInTheBackground();
  }

  /** The result of the latest check; empty until the first one is done. */
  public Optional<AuditVerification.Result> latest() {
    return Optional.ofNullable(latest.get());
  }

  /** Whether a check is running now. */
  public boolean running() {
    return running;
  }

  /** Checks the trail now (after the check already running, if any) and keeps the result. */
  public AuditVerification.Result checkNow() {
    synchronized (checking) {
      running = true;
      try {
        AuditVerification.Result result = verification.verify(done -> {});
        keep(result);
        return result;
      } finally {
        running = false;
      }
    }
  }

  /** Writes a checkpoint now, even when nothing changed since the last one. */
  public AuditCheckpoints.Written checkpointNow() {
    return checkpoints.write(true).orElseThrow();
  }

  private void keep(AuditVerification.Result result) {
    AuditVerification.Result before = latest.getAndSet(result);
    if (result.intact()) {
      if (before != null && !before.intact()) {
        log.info("{} (broken at the check of {})", result.summary(), before.checkedAt());
      }
      return;
    }
    boolean known = before != null && !before.intact() && before.problem().equals(result.problem());
    if (known) {
      log.warn("{} (known since {})", result.summary(), before.checkedAt());
      return;
    }
    log.error("{} Run `servicebook audit verify` and see docs/security.md.", result.summary());
    events.publishEvent(
        new AuditTrailBroken(
            result.problem().orElseThrow(), result.problems(), result.checkedAt()));
  }

  private void checkInTheBackground() {
    try {
      checkNow();
    } catch (RuntimeException e) {
      log.warn("Could not check the audit trail: {}", e.toString());
    }
  }

  private void checkpointInTheBackground() {
    try {
      checkpoints.write(false);
    } catch (RuntimeException e) {
      log.warn("Could not write an audit checkpoint to {}: {}", checkpoints.file(), e.toString());
    }
  }
}
