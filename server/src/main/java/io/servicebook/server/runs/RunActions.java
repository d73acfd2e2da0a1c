package io.servicebook.server.runs;

import io.servicebook.runs.RunEvent;

/**
 * A feature that carries out what a step asks for beyond talking: escalate, compensate, schedule a
 * follow-up, reassign, raise the priority, notify. Every bean of this type hears every requested
 * action, in the transaction that stores the step, so what it does commits or rolls back with the
 * step. Declared here so that such features depend on runs and not the other way round.
 */
public interface RunActions {

  /** A step of the run asked for {@code action}; {@code actor} submitted the step. */
  void requested(RunEvent.ActionRequested action, RunInfo run, String actor);

  /** Which run asked, pinned to which protocol version. */
  record RunInfo(String id, String caseId, String protocolSlug, int protocolVersion) {}
}
