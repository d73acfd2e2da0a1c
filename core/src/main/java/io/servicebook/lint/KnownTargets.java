package io.servicebook.lint;

import java.util.Set;
import java.util.TreeSet;

/**
 * What a protocol's {@code escalate}, {@code reassign} and {@code notify} may name, as the server
 * knows it: the escalation ladder's level keys, the teams' keys, the usernames and the role keys.
 * The linter checks every target against them ({@link LintRules#UNKNOWN_TARGET}); without them (a
 * pack linted on its own) the rule is skipped.
 *
 * <ul>
 *   <li>{@code escalate:} a level, or a team (the case goes to that team one level up);
 *   <li>{@code reassign:} a team;
 *   <li>{@code notify:} a role, a team (its leads), a level (whoever the level notifies) or a user.
 * </ul>
 */
public record KnownTargets(
    Set<String> levels, Set<String> teams, Set<String> users, Set<String> roles) {

  public KnownTargets {
    levels = Set.copyOf(levels);
    teams = Set.copyOf(teams);
    users = Set.copyOf(users);
    roles = Set.copyOf(roles);
  }

  /** Whom {@code escalate:} may name. */
  Set<String> forEscalate() {
    return union(levels, teams);
  }

  /** Whom {@code reassign:} may name. */
  Set<String> forReassign() {
    return new TreeSet<>(teams);
  }

  /** Whom {@code notify:} may name. */
  Set<String> forNotify() {
    Set<String> all = union(roles, teams);
    all.addAll(levels);
    all.addAll(users);
    return all;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }
}
