package io.servicebook.server.followups;

import io.servicebook.followups.FollowUpStatus;
import io.servicebook.followups.FollowUpTransitions;
import io.servicebook.server.audit.AuditLog;
import io.servicebook.server.cases.ConcurrentChange;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores follow-ups and moves them through their status table, recording each change in the audit
 * trail of their case ({@code followup.scheduled}, {@code followup.due}, {@code followup.done},
 * {@code followup.skipped}, {@code followup.cancelled}). Knows no timers, so the timer that makes a
 * follow-up due can use it.
 */
@Component
class FollowUpMoves {

  static final String SYSTEM = "system";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final FollowUpRepository repository;
  private final AuditLog audit;

  FollowUpMoves(FollowUpRepository repository, AuditLog audit) {
    this.repository = repository;
    this.audit = audit;
  }

  /** Stores a new follow-up; false when the same cause scheduled it already. */
  boolean add(StoredFollowUp f, String reason) {
    if (repository.exists(f.id())) {
      return false;
    }
    repository.insert(f);
    record(f, f.createdBy(), reason);
    return true;
  }

  /**
   * @throws io.servicebook.followups.IllegalFollowUpTransition if the table does not allow the move
   * @throws ConcurrentChange if someone else changed the follow-up meanwhile
   */
  StoredFollowUp move(
      StoredFollowUp f,
      FollowUpStatus to,
      Optional<String> outcome,
      Optional<String> reason,
      String actor,
      Instant at) {
    FollowUpTransitions.check(f.status(), to);
    StoredFollowUp moved = f.moved(to, outcome, reason, at, actor);
    if (!repository.update(moved, f.version())) {
      throw new ConcurrentChange("follow-up", f.id());
    }
    record(moved, actor, outcome.or(() -> reason).orElse(null));
    return moved;
  }

  private void record(StoredFollowUp f, String actor, String reason) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("follow_up_id", f.id());
    details.put("status", f.status().key());
    details.put("source", f.source().key());
    details.put("protocol", f.protocolSlug().orElse(null));
    details.put("protocol_version", f.protocolVersion().orElse(null));
    details.put("step", f.stepId().orElse(null));
    details.put("resolution_cycle", f.resolutionCycle().orElse(null));
    details.put("after", f.after());
    details.put("due_at", f.dueAt().toString());
    details.put("channel", f.channel().map(c -> c.key()).orElse(null));
    details.put("assignee", f.assignee().orElse(null));
    details.put("team", f.team().orElse(null));
    f.outcome().ifPresent(o -> details.put("outcome", o));
    f.note().ifPresent(n -> details.put("note", n));
    audit.append(
        "case",
        f.caseId(),
        "followup." + f.status().key(),
        actor,
        reason,
        JSON.writeValueAsString(details));
  }
}
