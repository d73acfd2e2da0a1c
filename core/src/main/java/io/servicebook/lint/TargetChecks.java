package io.servicebook.lint;

import io.servicebook.diagnostics.Diagnostic;
import io.servicebook.document.Suggestions;
import io.servicebook.protocol.Action;
import io.servicebook.protocol.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks that every {@code escalate}, {@code reassign} and {@code notify} of a protocol names
 * someone the server knows ({@link LintRules#UNKNOWN_TARGET}), with a "did you mean" for near
 * misses such as {@code team-lead} for the level {@code team_lead}.
 */
final class TargetChecks {

  private TargetChecks() {}

  static List<Diagnostic> check(Protocol protocol, KnownTargets known) {
    List<Diagnostic> found = new ArrayList<>();
    Stream<Action> inSteps = protocol.steps().stream().flatMap(s -> s.actions().stream());
    Stream<Action> onBreach = protocol.sla().stream().flatMap(s -> s.onBreach().stream());
    Stream.concat(inSteps, onBreach)
        .forEach(action -> problem(protocol, action, known).ifPresent(found::add));
    return found;
  }

  private static Optional<Diagnostic> problem(
      Protocol protocol, Action action, KnownTargets known) {
    return switch (action) {
      case Action.Escalate e ->
          unknown(
              protocol,
              e,
              e.to(),
              known.forEscalate(),
              "no level of the escalation ladder and no team");
      case Action.Reassign r -> unknown(protocol, r, r.to(), known.forReassign(), "no team");
      case Action.Notify n ->
          unknown(
              protocol, n, n.who(), known.forNotify(), "no role, team, escalation level or user");
      default -> Optional.empty();
    };
  }

  private static Optional<Diagnostic> unknown(
      Protocol protocol, Action action, String name, Set<String> accepted, String isWhat) {
    if (accepted.contains(name)) {
      return Optional.empty();
    }
    Optional<String> closest = Suggestions.closest(name, accepted);
    String message =
        "`"
            + action.key()
            + ": "
            + name
            + "` names "
            + isWhat
            + " the server knows"
            + closest.map(c -> "; did you mean `" + c + "`?").orElse(".");
    String hint =
        closest
            .map(c -> "Write `" + action.key() + ": " + c + "`.")
            .orElse(
                accepted.isEmpty()
                    ? null
                    : "Known: " + String.join(", ", accepted.stream().limit(20).toList()) + ".");
    return Optional.of(
        LintRules.UNKNOWN_TARGET.at(protocol.file(), action.position(), message, hint));
  }
}
