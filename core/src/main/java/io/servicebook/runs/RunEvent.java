package io.servicebook.runs;

import io.servicebook.protocol.Channel;
import io.servicebook.protocol.IsoDuration;
import io.servicebook.protocol.Priority;
import io.servicebook.protocol.SurveyKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Something that happened in a run; past tense, with who and when. */
public sealed interface RunEvent {

  String runId();

  Instant at();

  /** A run began on the protocol version it is pinned to. */
  record RunStarted(
      String runId,
      String caseId,
      String protocolSlug,
      int protocolVersion,
      String firstStep,
      String actor,
      Instant at)
      implements RunEvent {}

  /**
   * The agent did a step as written.
   *
   * @param values the typed values captured
   * @param next the step entered next; empty when the run ended
   */
  record StepSubmitted(
      String runId,
      String stepId,
      Map<String, Object> values,
      Optional<String> choice,
      Optional<String> next,
      String actor,
      Instant at)
      implements RunEvent {
    public StepSubmitted {
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
      Objects.requireNonNull(choice, "choice");
      Objects.requireNonNull(next, "next");
    }
  }

  /** The agent skipped a skippable step. */
  record StepSkipped(
      String runId, String stepId, String reason, Optional<String> next, String actor, Instant at)
      implements RunEvent {}

  /** The agent went back from one step to the one before it. */
  record WentBack(
      String runId, String fromStep, String toStep, String reason, String actor, Instant at)
      implements RunEvent {}

  /** The agent noted doing something the protocol does not say, and stayed on the step. */
  record WentOffScript(String runId, String stepId, String note, String actor, Instant at)
      implements RunEvent {}

  /** The run reached its end. */
  record RunCompleted(String runId, String lastStep, String actor, Instant at)
      implements RunEvent {}

  /** The run was left for another protocol. */
  record RunAbandoned(String runId, String stepId, String reason, String actor, Instant at)
      implements RunEvent {}

  /** A step asked for something beyond talking; the case, SLA and feedback modules act on it. */
  sealed interface ActionRequested extends RunEvent {
    String caseId();

    String stepId();
  }

  record EscalationRequested(String runId, String caseId, String stepId, String to, Instant at)
      implements ActionRequested {}

  record CompensationRequested(
      String runId,
      String caseId,
      String stepId,
      Optional<BigDecimal> max,
      String currency,
      Optional<BigDecimal> approvalAbove,
      Instant at)
      implements ActionRequested {}

  /** A follow-up is due {@code after} this moment ({@code at}). */
  record FollowUpScheduled(
      String runId,
      String caseId,
      String stepId,
      IsoDuration after,
      Optional<Channel> channel,
      Instant at)
      implements ActionRequested {}

  record SurveyRequested(String runId, String caseId, String stepId, SurveyKind survey, Instant at)
      implements ActionRequested {}

  record CaseResolved(String runId, String caseId, String stepId, Instant at)
      implements ActionRequested {}

  record HandoffRequested(String runId, String caseId, String stepId, String protocol, Instant at)
      implements ActionRequested {}

  record ReassignRequested(String runId, String caseId, String stepId, String to, Instant at)
      implements ActionRequested {}

  /** The priority goes up one level, or to {@code to} when given. */
  record PriorityRaised(
      String runId, String caseId, String stepId, Optional<Priority> to, Instant at)
      implements ActionRequested {}

  record NotificationRequested(String runId, String caseId, String stepId, String who, Instant at)
      implements ActionRequested {}
}
