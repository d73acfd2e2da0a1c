package io.servicebook.runs;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one table of allowed run status moves: an active run completes or is abandoned; both are
 * final, since a run is pinned to one protocol version and a new protocol means a new run.
 */
public final class RunStatusTransitions {

  private static final Map<RunStatus, Set<RunStatus>> ALLOWED = table();

  private RunStatusTransitions() {}

  private static Map<RunStatus, Set<RunStatus>> table() {
    Map<RunStatus, Set<RunStatus>> table = new EnumMap<>(RunStatus.class);
    table.put(RunStatus.ACTIVE, EnumSet.of(RunStatus.COMPLETED, RunStatus.ABANDONED));
    table.put(RunStatus.COMPLETED, EnumSet.noneOf(RunStatus.class));
    table.put(RunStatus.ABANDONED, EnumSet.noneOf(RunStatus.class));
    table.replaceAll((from, to) -> Collections.unmodifiableSet(to));
    return Collections.unmodifiableMap(table);
  }

  public static boolean isAllowed(RunStatus from, RunStatus to) {
    return ALLOWED.get(from).contains(to);
  }

  public static Set<RunStatus> allowedFrom(RunStatus from) {
    return ALLOWED.get(from);
  }

  /**
   * @throws IllegalRunTransition if the table does not allow the move
   */
  public static void check(RunStatus from, RunStatus to) {
    if (!isAllowed(from, to)) {
      throw new IllegalRunTransition(from, to);
    }
  }
}
