package io.servicebook.sla;

/** The promises an SLA can make about a case. */
public enum SlaTarget {
  /** From the case's creation to the first public reply of an agent. */
  FIRST_RESPONSE,
  /** From a customer message nobody answered yet to the next public reply of an agent. */
  NEXT_RESPONSE,
  /** From the case's creation (or its reopening) to its resolution. */
  RESOLUTION
}
