package io.servicebook.server.timers;

/**
 * What a feature does when one of its timers comes due. Runs in a transaction together with the
 * timer's audit event; throwing makes db-scheduler retry the timer later.
 */
public interface TimerHandler {

  /** The kind of timer this handler serves, such as {@code sla-breach}. */
  String kind();

  void fire(Timers.Due due);
}
