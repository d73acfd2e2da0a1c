package io.servicebook.server.sla;

import io.servicebook.server.cases.StoredCase;
import io.servicebook.sla.SlaClock;
import io.servicebook.sla.SlaEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The SLA clocks of many cases at once, as they stand now, for reports: the same clocks the case
 * pages show, with their changes read in a few queries rather than one per case.
 */
@Component
public class SlaClockReport {

  private final CaseClocks clocks;
  private final SlaRepository repository;
  private final Clock clock;

  SlaClockReport(CaseClocks clocks, SlaRepository repository, Clock clock) {
    this.clocks = clocks;
    this.repository = repository;
    this.clock = clock;
  }

  /** Each case's clock cycles by case id; a case whose protocol has no SLA has none. */
  public Map<String, List<SlaClock>> clocks(List<StoredCase> cases) {
    Map<String, List<SlaEvent>> changes =
        repository.changes(cases.stream().map(s -> s.kase().id()).toList());
    Instant now = clock.instant();
    Map<String, List<SlaClock>> clocksOf = new HashMap<>();
    for (StoredCase stored : cases) {
      String id = stored.kase().id();
      clocksOf.put(id, clocks.at(stored, now, changes.getOrDefault(id, List.of())));
    }
    return clocksOf;
  }
}
