package io.servicebook.runs;

/** Where a run stands; the moves between them are in {@link RunStatusTransitions}. */
public enum RunStatus {
  /** The agent is following the protocol. */
  ACTIVE,
  /** The protocol reached its end: the case was resolved or handed to another protocol. */
  COMPLETED,
  /** The agent switched to another protocol before the end. */
  ABANDONED
}
