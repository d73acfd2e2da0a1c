package io.servicebook.server.cases;

import io.servicebook.cases.Case;
import io.servicebook.protocol.Protocol;
import java.util.Optional;

/**
 * What cases need from runs, implemented by the runs feature: starting the run of the protocol
 * picked for a new case, and showing where a case's run stands. Declared here so that runs depends
 * on cases and not the other way round.
 */
public interface CaseRuns {

  /** Starts a run pinned to the protocol version, in the caller's transaction. */
  RunSummary start(Case opened, Protocol protocol, int version, String actor);

  /** The case's newest run, with its current step personalised for the case and the viewer. */
  Optional<RunSummary> latest(Case kase, String viewer);

  /** The ids of the case's runs, oldest first. */
  java.util.List<String> runIds(String caseId);

  /** A run as a case shows it. */
  record RunSummary(String id, String status, Optional<StepSummary> currentStep) {}

  /** The step a run is on, with its script rendered for the case. */
  record StepSummary(String id, String title, Optional<String> script) {}
}
