package io.servicebook.server.cases;

import io.servicebook.cases.CaseEvent;
import java.util.List;

/**
 * A feature that acts on changes of cases (follow-ups when a case is resolved, say). Every bean of
 * this type hears every stored change, in the transaction that stores it, so what it schedules or
 * writes commits or rolls back with the change. Declared here so that such features depend on cases
 * and not the other way round.
 */
public interface CaseChanges {

  /** The case as stored after the change, the events of the change and who made it. */
  void changed(StoredCase after, List<CaseEvent> events, String actor);
}
