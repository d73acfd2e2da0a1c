package io.servicebook.escalation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ordered escalation levels of a company, lowest first, and the rules of moving a case on them:
 * escalating goes up (one level, or to a named higher level) and never past the top; going down is
 * a de-escalation, asked for separately. A new case starts at the first level.
 */
public final class EscalationLadder {

  private final List<EscalationLevel> levels;

  private EscalationLadder(List<EscalationLevel> levels) {
    this.levels = List.copyOf(levels);
  }

  /**
   * @throws IllegalArgumentException if there are no levels or two share a key
   */
  public static EscalationLadder of(List<EscalationLevel> levels) {
    if (levels.isEmpty()) {
      throw new IllegalArgumentException(
          "The escalation ladder needs at least one level (the agent's).");
    }
    Set<String> keys = new HashSet<>();
    for (EscalationLevel level : levels) {
      if (!keys.add(level.key())) {
        throw new IllegalArgumentException(
            "Two escalation levels are called `" + level.key() + "`; give each its own key.");
      }
    }
    return new EscalationLadder(levels);
  }

  /** agent → team lead → supervisor → manager, the usual ladder of a support team. */
  public static EscalationLadder standard() {
    return of(
        List.of(
            new EscalationLevel("agent", "Agent", List.of()),
            new EscalationLevel("team_lead", "Team lead", List.of("supervisor")),
            new EscalationLevel("supervisor", "Supervisor", List.of("supervisor")),
            new EscalationLevel("manager", "Manager", List.of("admin"))));
  }

  public List<EscalationLevel> levels() {
    return levels;
  }

  /** Where every case starts. */
  public EscalationLevel first() {
    return levels.get(0);
  }

  public EscalationLevel top() {
    return levels.get(levels.size() - 1);
  }

  public Optional<EscalationLevel> level(String key) {
    return levels.stream().filter(l -> l.key().equals(key)).findFirst();
  }

  /** The position of a level on the ladder, 0 for the first. */
  public int rank(EscalationLevel level) {
    int rank = levels.indexOf(level);
    if (rank < 0) {
      throw new IllegalArgumentException("Level `" + level.key() + "` is not on this ladder.");
    }
    return rank;
  }

  /**
   * The level a case is at, given the key last recorded for it (empty: never escalated). A key that
   * is no longer on the ladder (the levels were reconfigured) counts as the first level.
   */
  public EscalationLevel current(Optional<String> recorded) {
    return recorded.flatMap(this::level).orElse(first());
  }

  /** Escalates one level up, or to the level {@code to} when given, which must be higher. */
  public EscalationMove up(EscalationLevel current, Optional<String> to) {
    if (to.isPresent()) {
      Optional<EscalationLevel> requested = level(to.get());
      if (requested.isEmpty()) {
        return unknown(to.get());
      }
      return rank(requested.get()) > rank(current)
          ? new EscalationMove.Moved(current, requested.get())
          : new EscalationMove.NotAbove(current, requested.get());
    }
    int rank = rank(current);
    return rank == levels.size() - 1
        ? new EscalationMove.AtTop(current)
        : new EscalationMove.Moved(current, levels.get(rank + 1));
  }

  /** De-escalates to the level {@code to}, which must be lower. */
  public EscalationMove down(EscalationLevel current, String to) {
    Optional<EscalationLevel> requested = level(to);
    if (requested.isEmpty()) {
      return unknown(to);
    }
    return rank(requested.get()) < rank(current)
        ? new EscalationMove.Moved(current, requested.get())
        : new EscalationMove.NotBelow(current, requested.get());
  }

  /**
   * What a protocol's {@code escalate: NAME} asks for: a level's key names that level; any other
   * name is a team, and the case goes to that team and one level up.
   */
  public Request request(EscalationLevel current, String name) {
    return level(name).isPresent()
        ? new Request(up(current, Optional.of(name)), Optional.empty())
        : new Request(up(current, Optional.empty()), Optional.of(name));
  }

  /**
   * A protocol's escalation request, worked out.
   *
   * @param move the move on the ladder, or why there is none
   * @param team the team the case goes to, when the request named a team rather than a level
   */
  public record Request(EscalationMove move, Optional<String> team) {}

  private EscalationMove unknown(String requested) {
    List<String> keys = new ArrayList<>();
    levels.forEach(l -> keys.add(l.key()));
    return new EscalationMove.UnknownLevel(requested, keys);
  }
}
