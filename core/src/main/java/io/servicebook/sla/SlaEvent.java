package io.servicebook.sla;

import io.servicebook.cases.CaseStatus;
import io.servicebook.protocol.Priority;
import java.time.Instant;

/** What happened to a case, as far as its SLA clocks care, in the order it happened. */
public sealed interface SlaEvent {

  Instant at();

  /** The case was created (its first customer message included). */
  record Opened(Instant at, CaseStatus status, Priority priority) implements SlaEvent {}

  /** The customer wrote or called. */
  record CustomerMessage(Instant at) implements SlaEvent {}

  /** An agent answered the customer publicly (internal notes do not count). */
  record AgentReply(Instant at) implements SlaEvent {}

  record StatusChanged(Instant at, CaseStatus status) implements SlaEvent {}

  record PriorityChanged(Instant at, Priority priority) implements SlaEvent {}
}
