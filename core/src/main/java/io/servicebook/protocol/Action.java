package io.servicebook.protocol;

import io.servicebook.diagnostics.Position;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Something a step (or an SLA breach) does beyond talking: escalate, compensate, schedule a
 * follow-up, send a survey, resolve, hand off, reassign, raise the priority, notify. Any action may
 * carry a condition ({@code when}) under which it applies.
 */
public sealed interface Action {

  Optional<Condition> when();

  Position position();

  /** The name of the action as written in protocol files. */
  String key();

  /** Moves the case up to a named level or team (agent → team lead → supervisor → manager). */
  record Escalate(String to, Optional<Condition> when, Position position) implements Action {
    public String key() {
      return "escalate";
    }
  }

  /** Offers compensation up to a maximum; above {@code approvalAbove} a supervisor approves. */
  record Compensate(
      Optional<BigDecimal> max,
      String currency,
      Optional<BigDecimal> approvalAbove,
      Optional<Condition> when,
      Position position)
      implements Action {
    public String key() {
      return "compensate";
    }
  }

  /** Schedules a follow-up with the customer after a delay. */
  record ScheduleFollowUp(
      IsoDuration after,
      Optional<Channel> channel,
      Optional<Script> script,
      Optional<Condition> when,
      Position position)
      implements Action {
    public String key() {
      return "follow_up";
    }
  }

  /** Sends a feedback survey now. */
  record SendSurvey(SurveyKind survey, Optional<Condition> when, Position position)
      implements Action {
    public String key() {
      return "survey";
    }
  }

  /** Resolves the case. */
  record Resolve(Optional<Condition> when, Position position) implements Action {
    public String key() {
      return "resolve";
    }
  }

  /** Ends this protocol's run and starts another protocol on the same case. */
  record Handoff(String protocol, Optional<Condition> when, Position position) implements Action {
    public String key() {
      return "handoff";
    }
  }

  /** Gives the case to another team or person. */
  record Reassign(String to, Optional<Condition> when, Position position) implements Action {
    public String key() {
      return "reassign";
    }
  }

  /** Raises the case's priority one level, or to the named one. */
  record RaisePriority(Optional<Priority> to, Optional<Condition> when, Position position)
      implements Action {
    public String key() {
      return "raise_priority";
    }
  }

  /** Tells a person, role or team (e.g. team-lead) without moving the case. */
  record Notify(String who, Optional<Condition> when, Position position) implements Action {
    public String key() {
      return "notify";
    }
  }
}
