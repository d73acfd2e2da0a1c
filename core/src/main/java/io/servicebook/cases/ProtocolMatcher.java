package io.servicebook.cases;

import io.servicebook.condition.Evaluation;
import io.servicebook.protocol.Condition;
import io.servicebook.protocol.Protocol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Picks the protocol for a case among the published ones: every protocol whose {@code applies_when}
 * holds (one without it always applies) is a candidate, and the first in this order wins, the
 * others being offered as alternatives:
 *
 * <ol>
 *   <li>higher {@code priority} first;
 *   <li>then the more specific first: the one whose {@code applies_when} compares more distinct
 *       variables (so {@code case.category == "refund" && customer.tier == "vip"} beats {@code
 *       case.category == "refund"}, and both beat a protocol without {@code applies_when});
 *   <li>then by slug, alphabetically, so the choice never depends on the order protocols are listed
 *       in.
 * </ol>
 *
 * A condition that cannot be evaluated for lack of a value means the protocol does not apply; the
 * result reports it so the owner can fix the protocol. A condition stopped at its cost limit is
 * different: it says nothing about the case, so when such a protocol would rank before the winner
 * had its condition held, nothing wins (a wrong protocol run quietly is worse than a case that
 * waits for a person to choose) and every protocol that applies is offered instead; the result
 * names the stopped conditions so the case can be flagged.
 */
public final class ProtocolMatcher {

  /** The order candidates are ranked in; the first wins. */
  public static final Comparator<Protocol> RANKING =
      Comparator.comparingInt(Protocol::priority)
          .reversed()
          .thenComparing(Comparator.comparingInt(ProtocolMatcher::specificity).reversed())
          .thenComparing(Protocol::slug);

  private ProtocolMatcher() {}

  /** A protocol whose {@code applies_when} could not be evaluated for this case. */
  public record NotEvaluated(String slug, String expression, String message) {
    public NotEvaluated {
      Objects.requireNonNull(slug, "slug");
      Objects.requireNonNull(expression, "expression");
      Objects.requireNonNull(message, "message");
    }
  }

  /** A protocol whose {@code applies_when} was stopped at its cost limit for this case. */
  public record Stopped(Protocol protocol, Condition condition, String message) {
    public Stopped {
      Objects.requireNonNull(protocol, "protocol");
      Objects.requireNonNull(condition, "condition");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * The outcome of matching.
   *
   * @param winner the protocol to run, empty when none applies or when a stopped condition might
   *     have changed the choice
   * @param alternatives the other protocols that apply, in ranking order
   * @param notEvaluated protocols left out because their condition could not be evaluated
   * @param stopped protocols whose condition was stopped at its cost limit, in ranking order
   */
  public record Match(
      Optional<Protocol> winner,
      List<Protocol> alternatives,
      List<NotEvaluated> notEvaluated,
      List<Stopped> stopped) {
    public Match {
      Objects.requireNonNull(winner, "winner");
      alternatives = List.copyOf(alternatives);
      notEvaluated = List.copyOf(notEvaluated);
      stopped = List.copyOf(stopped);
    }

    /** No protocol was chosen because a stopped condition might have changed the choice. */
    public boolean needsAPerson() {
      return winner.isEmpty() && !stopped.isEmpty();
    }
  }

  public static Match match(List<Protocol> published, CaseFacts facts, Instant now) {
    var input = facts.conditionInput(Map.of(), now);
    List<Protocol> applying = new ArrayList<>();
    List<NotEvaluated> notEvaluated = new ArrayList<>();
    List<Stopped> stopped = new ArrayList<>();
    for (Protocol protocol : published) {
      Optional<Condition> condition = protocol.appliesWhen();
      if (condition.isEmpty()) {
        applying.add(protocol);
        continue;
      }
      switch (condition.get().compiled().evaluate(input)) {
        case Evaluation.Value(boolean holds) -> {
          if (holds) {
            applying.add(protocol);
          }
        }
        case Evaluation.Error(String message) ->
            notEvaluated.add(
                new NotEvaluated(protocol.slug(), condition.get().expression(), message));
        case Evaluation.Stopped(String message) ->
            stopped.add(new Stopped(protocol, condition.get(), message));
      }
    }
    applying.sort(RANKING);
    stopped.sort(Comparator.comparing(Stopped::protocol, RANKING));
    boolean outranked =
        !stopped.isEmpty()
            && (applying.isEmpty()
                || RANKING.compare(stopped.get(0).protocol(), applying.get(0)) < 0);
    if (outranked) {
      return new Match(Optional.empty(), applying, notEvaluated, stopped);
    }
    return applying.isEmpty()
        ? new Match(Optional.empty(), List.of(), notEvaluated, stopped)
        : new Match(
            Optional.of(applying.get(0)),
            applying.subList(1, applying.size()),
            notEvaluated,
            stopped);
  }

  /** How many variables the protocol's applies_when compares; 0 without one. */
  static int specificity(Protocol protocol) {
    return protocol.appliesWhen().map(c -> c.compiled().comparedLiterals().size()).orElse(0);
  }
}
