package io.servicebook.server.kpi;

import io.servicebook.server.audit.AuditLog;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Marks the cases whose facts changed for the KPI rollups, in the transaction that changed them:
 * what the audit trail records, the rollups take in ({@link RollupStore}).
 */
@Component
class RollupMarks implements AuditLog.Observer {

  private final RollupRepository repository;

  RollupMarks(RollupRepository repository) {
    this.repository = repository;
  }

  @Override
  public void changed(Map<String, Set<String>> subjectsByType) {
    repository.markPending(subjectsByType);
  }
}
