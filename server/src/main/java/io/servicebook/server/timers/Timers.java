package io.servicebook.server.timers;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.ExecutionException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import io.servicebook.server.audit.AuditLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Durable timers: scheduled in the caller's transaction (so a timer exists exactly when the change
 * that caused it was committed), with a deterministic id (so scheduling twice is harmless), fired
 * once across all nodes, each firing recorded in the audit trail.
 */
public class Timers {

  private static final Logger log = LoggerFactory.getLogger(Timers.class);

  /** A timer that came due: its kind, its id, and the data it was scheduled with. */
  public record Due(String kind, String id, String data, Instant dueAt) {}

  private final SchedulerClient client;
  private final OneTimeTask<String> task;
  private final Map<String, TimerHandler> handlers;
  private final AuditLog audit;
  private final TransactionTemplate transactions;

  Timers(
      SchedulerClient client,
      OneTimeTask<String> task,
      Map<String, TimerHandler> handlers,
      AuditLog audit,
      TransactionTemplate transactions) {
    this.client = client;
    this.task = task;
    this.handlers = handlers;
    this.audit = audit;
    this.transactions = transactions;
  }

  /**
   * Schedules a timer in the current transaction; false when a timer with this kind and id exists
   * already (nothing changes then).
   */
  public boolean schedule(String kind, String id, Instant at, String data) {
    TaskInstance<String> instance =
        task.instance(instanceId(kind, id), kind + "\n" + Objects.requireNonNullElse(data, ""));
    return client.scheduleIfNotExists(instance, at);
  }

  /** A timer to schedule: its kind, its id within the kind, when, and its data. */
  public record Timer(String kind, String id, Instant at, String data) {}

  /**
   * Schedules timers that cannot exist yet, because their ids name something created in the current
   * transaction (a new case, say): in one batch, without asking first.
   */
  public void scheduleNew(List<Timer> timers) {
    if (timers.isEmpty()) {
      return;
    }
    List<SchedulableInstance<?>> instances = new ArrayList<>();
    for (Timer t : timers) {
      instances.add(
          SchedulableInstance.of(
              task.instance(
                  instanceId(t.kind(), t.id()),
                  t.kind() + "\n" + Objects.requireNonNullElse(t.data(), "")),
              t.at()));
    }
    client.scheduleBatch(instances);
  }

  /**
   * Cancels a pending timer; false when there is none (already fired, or never scheduled) or when
   * it is firing right now, which its handler's own check of the state then settles. So a handler
   * may cancel its own timer, and a change racing a firing does not fail.
   */
  public boolean cancel(String kind, String id) {
    TaskInstanceId instance = TaskInstanceId.of(task.getName(), instanceId(kind, id));
    if (client.getScheduledExecution(instance).filter(e -> !e.isPicked()).isEmpty()) {
      return false;
    }
    try {
      client.cancel(instance);
      return true;
    } catch (TaskInstanceCurrentlyExecutingException | TaskInstanceNotFoundException lostTheRace) {
      return false;
    } catch (ExecutionException pickedMeanwhile) {
      // picked (or fired and removed) between looking and removing: its version moved on
      return false;
    }
  }

  static String instanceId(String kind, String id) {
    return kind + ":" + id;
  }

  /** Called by the scheduler on one node when the timer is due. */
  void fire(String instanceId, String payload, Instant dueAt, String node) {
    int newline = payload.indexOf('\n');
    String kind = newline < 0 ? payload : payload.substring(0, newline);
    String data = newline < 0 ? "" : payload.substring(newline + 1);
    String id =
        instanceId.startsWith(kind + ":") ? instanceId.substring(kind.length() + 1) : instanceId;
    Due due = new Due(kind, id, data, dueAt);
    transactions.executeWithoutResult(
        status -> {
          TimerHandler handler = handlers.get(kind);
          if (handler == null) {
            log.warn("No handler for timer kind {}; recorded only", kind);
          } else {
            handler.fire(due);
          }
          audit.append(
              "timer",
              instanceId,
              "timer.fired",
              "system",
              null,
              "{\"kind\":\"" + kind + "\",\"due_at\":\"" + dueAt + "\",\"node\":\"" + node + "\"}");
        });
  }
}
