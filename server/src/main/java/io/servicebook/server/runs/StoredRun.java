package io.servicebook.server.runs;

import io.servicebook.runs.RunStatus;
import io.servicebook.runs.StepVisit;
import java.util.List;
import java.util.Map;

/**
 * A run's row: everything of the core run but the protocol model, which is read again from the
 * pinned published version, and the row version that optimistic locking compares.
 */
record StoredRun(
    String id,
    String caseId,
    String protocolSlug,
    int protocolVersion,
    RunStatus status,
    List<String> path,
    Map<String, Object> fields,
    List<StepVisit> log,
    long version) {}
