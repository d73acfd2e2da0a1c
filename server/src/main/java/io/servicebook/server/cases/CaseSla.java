package io.servicebook.server.cases;

import io.servicebook.cases.CaseEvent;
import io.servicebook.sla.SlaClock;
import java.util.List;

/**
 * What cases need from SLA clocks, implemented by the SLA feature: keeping a case's clocks and
 * their timers up to date after each change, and telling where the clocks stand. Declared here so
 * that the SLA feature depends on cases and not the other way round.
 */
public interface CaseSla {

  /**
   * Remembers the opening of a new case for its clocks and schedules their warning and breach
   * timers, in the caller's transaction; answers the clocks as they stand.
   */
  List<SlaClock> opened(StoredCase opened, List<CaseEvent> events);

  /**
   * Remembers what changed for the case's clocks, schedules the warning and breach timers of its
   * running clocks and removes those of clocks that stopped or whose due time moved, in the
   * caller's transaction; answers the clocks as they stand after the change.
   */
  List<SlaClock> changed(StoredCase before, StoredCase after, List<CaseEvent> events);

  /** The case's clocks as they stand now; empty when its protocol promises no response times. */
  List<SlaClock> clocks(StoredCase stored);
}
