package io.servicebook.kpi;

import io.servicebook.compensation.Money;
import io.servicebook.followups.FollowUpStatus;
import io.servicebook.protocol.Channel;
import io.servicebook.protocol.SurveyKind;
import io.servicebook.sla.SlaClock;
import io.servicebook.sla.SlaTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One case as the KPIs see it: what it was, who worked it, how fast, and how it ended; each fact is
 * defined in {@code docs/kpis.md}.
 *
 * @param firstResponseAt the first public agent reply, if it came before the case was first
 *     resolved: a case resolved before anyone answered has none (its first-response clock stopped
 *     at the resolution and counts as met or breached in {@code sla})
 * @param firstResponseBusiness the business time to the first response; only with {@code
 *     firstResponseAt}
 * @param resolutionBusiness the business time to resolution over all cycles; only with {@code
 *     resolvedAt}
 * @param resolvedAt the latest resolution; empty while the case is not resolved
 * @param contacts how many times the customer wrote or called
 */
public record MeasuredCase(
    String caseId,
    String protocol,
    int version,
    Optional<String> agent,
    Optional<String> team,
    Channel channel,
    String language,
    String tier,
    Instant createdAt,
    Optional<Instant> firstResponseAt,
    Optional<Instant> resolvedAt,
    Optional<Duration> firstResponseBusiness,
    Optional<Duration> resolutionBusiness,
    List<SlaOutcome> sla,
    boolean reopened,
    boolean escalated,
    int contacts,
    List<FollowUpStatus> followUps,
    Optional<RunFacts> run,
    Optional<Money> compensation,
    List<Survey> surveys) {

  public MeasuredCase {
    requireText(caseId, "caseId");
    requireText(protocol, "protocol");
    if (version < 1) {
      throw new IllegalArgumentException(
          "Protocol versions are numbered from 1, not " + version + " (case " + caseId + ").");
    }
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(team, "team");
    Objects.requireNonNull(channel, "channel");
    requireText(language, "language");
    requireText(tier, "tier");
    Objects.requireNonNull(createdAt, "createdAt");
    notBefore(firstResponseAt, createdAt, "first response", caseId);
    notBefore(resolvedAt, createdAt, "resolution", caseId);
    onlyWith(firstResponseBusiness, firstResponseAt, "first response", caseId);
    onlyWith(resolutionBusiness, resolvedAt, "resolution", caseId);
    sla = List.copyOf(sla);
    if (contacts < 0) {
      throw new IllegalArgumentException(
          "A case has 0 or more customer contacts, not " + contacts + " (case " + caseId + ").");
    }
    followUps = List.copyOf(followUps);
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(compensation, "compensation");
    if (compensation.isPresent() && !compensation.get().isPositive()) {
      throw new IllegalArgumentException(
          "Compensation on case "
              + caseId
              + " must be more than 0 ("
              + compensation.get()
              + "); a case without any has none.");
    }
    surveys = List.copyOf(surveys);
  }

  /** Whether the case was resolved at some point: it is resolved now, or it was reopened. */
  public boolean everResolved() {
    return resolvedAt.isPresent() || reopened;
  }

  /** Whether the case is resolved, was never reopened, and the customer got in touch only once. */
  public boolean resolvedOnFirstContact() {
    return resolvedAt.isPresent() && !reopened && contacts <= 1;
  }

  /** How one cycle of one SLA clock ended; {@code RUNNING} cycles have no outcome yet. */
  public record SlaOutcome(SlaTarget target, Result result) {

    /** Met, breached, or not decided yet. */
    public enum Result {
      MET,
      BREACHED,
      RUNNING
    }

    public SlaOutcome {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(result, "result");
    }

    /** The outcome of a computed clock: running, warned and paused clocks have none yet. */
    public static SlaOutcome of(SlaClock clock) {
      Result result =
          switch (clock.state()) {
            case MET -> Result.MET;
            case BREACHED -> Result.BREACHED;
            case RUNNING, WARNED, PAUSED -> Result.RUNNING;
          };
      return new SlaOutcome(clock.target(), result);
    }
  }

  /** The case's run of its protocol: whether it finished, and where it left the path. */
  public record RunFacts(boolean finished, List<RunDeviation> deviations) {

    public RunFacts {
      deviations = List.copyOf(deviations);
    }

    /** Whether some deviation has no reason (see docs/kpis.md, adherence). */
    public boolean hasUnexplainedDeviation() {
      return deviations.stream().anyMatch(d -> !d.isExplained());
    }
  }

  /** A deviation at a step, with the agent's reason when one was given. */
  public record RunDeviation(String step, Optional<String> reason) {

    public RunDeviation {
      requireText(step, "step");
      Objects.requireNonNull(reason, "reason");
    }

    public boolean isExplained() {
      return reason.filter(r -> !r.isBlank()).isPresent();
    }
  }

  /** A survey sent about the case, with its score once the customer answered. */
  public record Survey(SurveyKind kind, Optional<Integer> score) {

    public Survey {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(score, "score");
      score.ifPresent(
          s -> {
            if (s < kind.min() || s > kind.max()) {
              throw new IllegalArgumentException(
                  "A "
                      + kind
                      + " score is from "
                      + kind.min()
                      + " to "
                      + kind.max()
                      + ", not "
                      + s
                      + ".");
            }
          });
    }

    public static Survey unanswered(SurveyKind kind) {
      return new Survey(kind, Optional.empty());
    }

    public static Survey answered(SurveyKind kind, int score) {
      return new Survey(kind, Optional.of(score));
    }
  }

  private static void requireText(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException("`" + what + "` of a measured case must not be blank.");
    }
  }

  private static void notBefore(
      Optional<Instant> moment, Instant createdAt, String what, String caseId) {
    Objects.requireNonNull(moment, what);
    if (moment.isPresent() && moment.get().isBefore(createdAt)) {
      throw new IllegalArgumentException(
          "The "
              + what
              + " of case "
              + caseId
              + " ("
              + moment.get()
              + ") is before its creation ("
              + createdAt
              + ").");
    }
  }

  private static void onlyWith(
      Optional<Duration> business, Optional<Instant> moment, String what, String caseId) {
    Objects.requireNonNull(business, what);
    if (business.isPresent() && moment.isEmpty()) {
      throw new IllegalArgumentException(
          "Case " + caseId + " has a business " + what + " time but no " + what + ".");
    }
    if (business.isPresent() && business.get().isNegative()) {
      throw new IllegalArgumentException(
          "The business " + what + " time of case " + caseId + " cannot be negative.");
    }
  }
}
