package io.servicebook.protocol;

import io.servicebook.diagnostics.Position;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The response times a protocol promises, counted on a business calendar, with what happens when a
 * promise is about to be or has been broken.
 */
public record Sla(
    Optional<String> calendar,
    Targets targets,
    Map<Priority, Targets> byPriority,
    Optional<Condition> pauseWhen,
    double warnAt,
    List<Action> onBreach,
    Position position) {

  /** The default share of a target after which a warning fires. */
  public static final double DEFAULT_WARN_AT = 0.75;

  /** First response, next response and resolution targets; each optional. */
  public record Targets(
      Optional<Duration> firstResponse,
      Optional<Duration> nextResponse,
      Optional<Duration> resolution) {

    public static final Targets NONE =
        new Targets(Optional.empty(), Optional.empty(), Optional.empty());

    public boolean isEmpty() {
      return firstResponse.isEmpty() && nextResponse.isEmpty() && resolution.isEmpty();
    }
  }

  public Sla {
    Objects.requireNonNull(targets, "targets");
    Objects.requireNonNull(position, "position");
    byPriority = Map.copyOf(byPriority);
    onBreach = List.copyOf(onBreach);
  }

  /** The targets for a case of this priority: the priority's own, else the general ones. */
  public Targets targetsFor(Priority priority) {
    Targets specific = byPriority.get(priority);
    if (specific == null) {
      return targets;
    }
    return new Targets(
        specific.firstResponse().or(targets::firstResponse),
        specific.nextResponse().or(targets::nextResponse),
        specific.resolution().or(targets::resolution));
  }
}
