package io.servicebook.server.timers;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.serializer.JavaSerializer;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.servicebook.server.KeyFiles;
import io.servicebook.server.audit.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One db-scheduler per server process, sharing the server's database: timers are rows in {@code
 * scheduled_tasks}, claimed with row locks, so each fires once across all nodes.
 */
@Configuration
class TimerConfiguration {

  static final String TASK = "servicebook-timer";

  private Scheduler scheduler;

  @Bean
  OneTimeTask<String> timerTask(@org.springframework.context.annotation.Lazy Timers timers) {
    return Tasks.oneTime(TASK, String.class)
        .execute(
            (instance, context) ->
                timers.fire(
                    instance.getId(),
                    instance.getData(),
                    context.getExecution().executionTime,
                    context.getExecution().pickedBy));
  }

  @Bean
  Scheduler scheduler(
      DataSource dataSource,
      OneTimeTask<String> task,
      Clock clock,
      @Value("${servicebook.timers.polling-interval:PT1S}") Duration polling,
      @Value("${servicebook.timers.threads:4}") int threads) {
    scheduler =
        Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), List.of(task))
            .serializer(new JavaSerializer())
            .schedulerName(new SchedulerName.Fixed(nodeName()))
            .clock(clock::instant)
            .pollingInterval(polling)
            .threads(threads)
            .enableImmediateExecution()
            .alwaysPersistTimestampInUTC()
            .shutdownMaxWait(Duration.ofSeconds(5))
            .build();
    return scheduler;
  }

  @Bean
  Timers timers(
      Scheduler scheduler,
      OneTimeTask<String> task,
      List<TimerHandler> handlers,
      AuditLog audit,
      TransactionTemplate transactions) {
    Map<String, TimerHandler> byKind =
        handlers.stream().collect(Collectors.toMap(TimerHandler::kind, Function.identity()));
    return new Timers(scheduler, task, byKind, audit, transactions);
  }

  /** Unique per process and per context, so each node's claims can be told apart. */
  static String nodeName() {
    return KeyFiles.nodeName(50);
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    scheduler.start();
  }

  @EventListener(ContextClosedEvent.class)
  void stop() {
    if (scheduler != null) {
      scheduler.stop();
    }
  }
}
