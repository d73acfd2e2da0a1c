package io.servicebook.cases;

import io.servicebook.protocol.Channel;
import io.servicebook.protocol.Priority;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Something that happened to a case; the audit trail and the KPIs are made of these. */
public sealed interface CaseEvent {

  String caseId();

  Instant at();

  /** A customer's request became a case. */
  record CaseOpened(
      String caseId,
      String customerId,
      Channel channel,
      String category,
      Priority priority,
      String actor,
      Instant at)
      implements CaseEvent {
    public CaseOpened {
      Objects.requireNonNull(caseId, "caseId");
      Objects.requireNonNull(at, "at");
    }
  }

  /** The case's status moved, for the reason given. */
  record CaseStatusChanged(
      String caseId, CaseStatus from, CaseStatus to, String actor, String reason, Instant at)
      implements CaseEvent {
    public CaseStatusChanged {
      Objects.requireNonNull(caseId, "caseId");
      Objects.requireNonNull(at, "at");
    }

    /** A resolved case went back to open. */
    public boolean isReopen() {
      return from == CaseStatus.RESOLVED && to == CaseStatus.OPEN;
    }
  }

  /** A message, call or note joined the conversation. */
  record InteractionAdded(String caseId, Interaction interaction) implements CaseEvent {
    public InteractionAdded {
      Objects.requireNonNull(caseId, "caseId");
      Objects.requireNonNull(interaction, "interaction");
    }

    @Override
    public Instant at() {
      return interaction.at();
    }
  }

  /** The case's priority changed. */
  record CasePriorityChanged(
      String caseId, Priority from, Priority to, String actor, String reason, Instant at)
      implements CaseEvent {
    public CasePriorityChanged {
      Objects.requireNonNull(caseId, "caseId");
      Objects.requireNonNull(at, "at");
    }
  }

  /** The case went to a person, a team, or both. */
  record CaseAssigned(
      String caseId, Optional<String> assignee, Optional<String> team, String actor, Instant at)
      implements CaseEvent {
    public CaseAssigned {
      Objects.requireNonNull(caseId, "caseId");
      Objects.requireNonNull(assignee, "assignee");
      Objects.requireNonNull(team, "team");
      Objects.requireNonNull(at, "at");
    }
  }
}
