package io.servicebook.followups;

import static io.servicebook.followups.FollowUpStatus.CANCELLED;
import static io.servicebook.followups.FollowUpStatus.DONE;
import static io.servicebook.followups.FollowUpStatus.DUE;
import static io.servicebook.followups.FollowUpStatus.SCHEDULED;
import static io.servicebook.followups.FollowUpStatus.SKIPPED;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one table of allowed follow-up moves.
 *
 * <p>An agent may do or skip a follow-up before it is due (the customer called first, say). Only a
 * follow-up not yet due is cancelled by a reopen: one that is due is in somebody's queue, and they
 * decide. Done, skipped and cancelled are final.
 */
public final class FollowUpTransitions {

  private static final Map<FollowUpStatus, Set<FollowUpStatus>> ALLOWED = table();

  private FollowUpTransitions() {}

  private static Map<FollowUpStatus, Set<FollowUpStatus>> table() {
    Map<FollowUpStatus, Set<FollowUpStatus>> table = new EnumMap<>(FollowUpStatus.class);
    table.put(SCHEDULED, EnumSet.of(DUE, DONE, SKIPPED, CANCELLED));
    table.put(DUE, EnumSet.of(DONE, SKIPPED));
    table.put(DONE, EnumSet.noneOf(FollowUpStatus.class));
    table.put(SKIPPED, EnumSet.noneOf(FollowUpStatus.class));
    table.put(CANCELLED, EnumSet.noneOf(FollowUpStatus.class));
    table.replaceAll((from, to) -> Collections.unmodifiableSet(to));
    return Collections.unmodifiableMap(table);
  }

  public static boolean isAllowed(FollowUpStatus from, FollowUpStatus to) {
    return ALLOWED.get(from).contains(to);
  }

  /** The statuses a follow-up in {@code from} may move to. */
  public static Set<FollowUpStatus> allowedFrom(FollowUpStatus from) {
    return ALLOWED.get(from);
  }

  /**
   * @throws IllegalFollowUpTransition if the table does not allow the move
   */
  public static void check(FollowUpStatus from, FollowUpStatus to) {
    if (!isAllowed(from, to)) {
      throw new IllegalFollowUpTransition(from, to, allowedFrom(from));
    }
  }
}
