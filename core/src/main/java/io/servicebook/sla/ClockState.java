package io.servicebook.sla;

/** Where an SLA clock stands at a given moment. */
public enum ClockState {
  /** Counting, with time to spare. */
  RUNNING,
  /** Counting, past the warning share of its target. */
  WARNED,
  /** Not counting now: the case is waiting (for the customer, by default). */
  PAUSED,
  /** The target was missed: due and still running, or stopped after its due time. */
  BREACHED,
  /** Stopped in time. */
  MET
}
