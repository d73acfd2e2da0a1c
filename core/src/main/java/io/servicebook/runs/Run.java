package io.servicebook.runs;

import io.servicebook.protocol.Protocol;
import io.servicebook.protocol.Step;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One protocol version guiding one case: pinned to the protocol's slug, version number and text, so
 * publishing a new version never changes a run under way. Immutable; {@link RunEngine} returns the
 * next run.
 *
 * @param path the steps that led to the current one, oldest first; going back walks it backwards
 * @param fields the typed values captured so far, by field name
 * @param log every step visit, in order: the input for adherence measurement
 */
public record Run(
    String id,
    String caseId,
    int protocolVersion,
    Protocol protocol,
    RunStatus status,
    List<String> path,
    Map<String, Object> fields,
    List<StepVisit> log) {

  public Run {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(caseId, "caseId");
    if (protocolVersion < 1) {
      throw new IllegalArgumentException(
          "Protocol versions are numbered from 1, not " + protocolVersion + ".");
    }
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(status, "status");
    path = List.copyOf(path);
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    log = List.copyOf(log);
    if (log.isEmpty() || path.isEmpty()) {
      throw new IllegalArgumentException("A run has visited at least its first step.");
    }
    boolean open = log.get(log.size() - 1).isOpen();
    if (open != (status == RunStatus.ACTIVE)) {
      throw new IllegalArgumentException(
          "An active run is on a step and a finished one is not; this "
              + status
              + " run "
              + (open ? "is" : "is not")
              + " on a step.");
    }
    if (open && !log.get(log.size() - 1).stepId().equals(path.get(path.size() - 1))) {
      throw new IllegalArgumentException("The open step visit must be the last step of the path.");
    }
  }

  public String protocolSlug() {
    return protocol.slug();
  }

  /** The step the agent is on; empty once the run is finished. */
  public Optional<Step> currentStep() {
    return status == RunStatus.ACTIVE ? protocol.step(path.get(path.size() - 1)) : Optional.empty();
  }

  /** Every deviation of the run, in the order they were recorded. */
  public List<Deviation> deviations() {
    return log.stream().flatMap(visit -> visit.deviations().stream()).toList();
  }

  StepVisit openVisit() {
    return log.get(log.size() - 1);
  }

  Run withLog(
      RunStatus to, List<String> newPath, Map<String, Object> newFields, List<StepVisit> l) {
    if (to != status) {
      RunStatusTransitions.check(status, to);
    }
    return new Run(id, caseId, protocolVersion, protocol, to, newPath, newFields, l);
  }

  /** The log with its open visit replaced. */
  List<StepVisit> logWithOpenVisit(StepVisit replacement) {
    List<StepVisit> all = new ArrayList<>(log);
    all.set(all.size() - 1, replacement);
    return all;
  }
}
