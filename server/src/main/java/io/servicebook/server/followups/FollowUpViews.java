package io.servicebook.server.followups;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shape of a follow-up. */
final class FollowUpViews {

  private FollowUpViews() {}

  static Map<String, Object> of(StoredFollowUp f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", f.id());
    m.put("case_id", f.caseId());
    m.put("status", f.status().key());
    m.put("due_at", f.dueAt().toString());
    m.put("after", f.after());
    m.put("channel", f.channel().map(c -> c.key()).orElse(null));
    m.put("assignee", f.assignee().orElse(null));
    m.put("team", f.team().orElse(null));
    m.put("source", source(f));
    m.put("outcome", f.outcome().orElse(null));
    m.put("reason", f.reason().orElse(null));
    m.put("note", f.note().orElse(null));
    m.put("created_at", f.createdAt().toString());
    m.put("created_by", f.createdBy());
    m.put("completed_at", f.completedAt().map(Instant::toString).orElse(null));
    m.put("completed_by", f.completedBy().orElse(null));
    return m;
  }

  private static Map<String, Object> source(StoredFollowUp f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", f.source().key());
    m.put(
        "protocol",
        f.protocolSlug()
            .map(
                slug -> {
                  Map<String, Object> p = new LinkedHashMap<>();
                  p.put("slug", slug);
                  p.put("version", f.protocolVersion().orElse(null));
                  return p;
                })
            .orElse(null));
    m.put("run_id", f.runId().orElse(null));
    m.put("step", f.stepId().orElse(null));
    m.put("resolution_cycle", f.resolutionCycle().orElse(null));
    return m;
  }
}
