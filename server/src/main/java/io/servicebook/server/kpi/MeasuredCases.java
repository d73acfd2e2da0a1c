package io.servicebook.server.kpi;

import io.servicebook.cases.Case;
import io.servicebook.cases.CaseStatus;
import io.servicebook.cases.Interaction;
import io.servicebook.kpi.MeasuredCase;
import io.servicebook.server.cases.Cases;
import io.servicebook.server.cases.StoredCase;
import io.servicebook.server.kpi.KpiRepository.Facts;
import io.servicebook.server.kpi.KpiRepository.ResolutionRow;
import io.servicebook.server.kpi.KpiRepository.RunRow;
import io.servicebook.server.sla.SlaClockReport;
import io.servicebook.sla.SlaClock;
import io.servicebook.sla.SlaTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the {@link MeasuredCase} of every case a query counts from the server's tables: the cases
 * with their conversations, their SLA clocks, runs, resolutions, escalations, follow-ups, grants
 * and surveys, each read once for all cases (see {@code docs/kpis.md}).
 */
@Component
class MeasuredCases {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Cases cases;
  private final SlaClockReport sla;
  private final KpiRepository repository;
  private final SurveyFacts surveys;

  MeasuredCases(Cases cases, SlaClockReport sla, KpiRepository repository, SurveyFacts surveys) {
    this.cases = cases;
    this.sla = sla;
    this.repository = repository;
    this.surveys = surveys;
  }

  List<MeasuredCase> of(KpiQuery query) {
    return measured(
        cases.createdBetween(
            query.window().from(), query.window().to(), query.protocol(), query.version()),
        KpiRepository.Scope.of(query));
  }

  /** The cases among these ids that have a protocol, as they stand now. */
  List<MeasuredCase> of(Collection<String> ids) {
    return ids.isEmpty()
        ? List.of()
        : measured(cases.forReports(ids), KpiRepository.Scope.ids(ids));
  }

  private List<MeasuredCase> measured(List<StoredCase> stored, KpiRepository.Scope scope) {
    if (stored.isEmpty()) {
      return List.of();
    }
    Map<String, List<SlaClock>> clocks = sla.clocks(stored);
    Facts facts = repository.facts(scope);
    Map<String, List<MeasuredCase.Survey>> surveyed =
        surveys.surveysOf(stored.stream().map(s -> s.kase().id()).toList());
    return stored.stream()
        .map(
            s ->
                measured(
                    s,
                    clocks.getOrDefault(s.kase().id(), List.of()),
                    facts,
                    surveyed.getOrDefault(s.kase().id(), List.of())))
        .toList();
  }

  static MeasuredCase measured(
      StoredCase stored, List<SlaClock> clocks, Facts facts, List<MeasuredCase.Survey> surveys) {
    Case kase = stored.kase();
    String id = kase.id();
    StoredCase.ProtocolRef protocol = stored.protocol().orElseThrow();
    Instant created = kase.createdAt();
    List<ResolutionRow> resolutions = facts.resolutions().getOrDefault(id, List.of());
    Optional<Instant> firstResponse = firstResponse(kase, resolutions);
    boolean resolvedNow = isResolved(kase.status());
    Optional<Instant> resolvedAt =
        resolvedNow && !resolutions.isEmpty()
            ? Optional.of(latest(created, resolutions.getLast().resolvedAt()))
            : Optional.empty();
    boolean reopened = resolutions.size() > 1 || (!resolutions.isEmpty() && !resolvedNow);
    return new MeasuredCase(
        id,
        protocol.slug(),
        protocol.version(),
        kase.assignee(),
        kase.team(),
        kase.channel(),
        kase.language(),
        kase.customer().tier(),
        created,
        firstResponse,
        resolvedAt,
        firstResponse.map(at -> firstResponseBusiness(clocks, created, at)),
        resolvedAt.map(at -> resolutionBusiness(clocks, created, at)),
        clocks.stream().map(MeasuredCase.SlaOutcome::of).toList(),
        reopened,
        facts.escalated().contains(id),
        (int) kase.interactions().stream().filter(Interaction::fromCustomer).count(),
        facts.followUps().getOrDefault(id, List.of()),
        run(facts.runs().getOrDefault(id, List.of()), facts, protocol, kase.status()),
        Optional.ofNullable(facts.compensation().get(id)),
        surveys);
  }

  private static boolean isResolved(CaseStatus status) {
    return status == CaseStatus.RESOLVED || status == CaseStatus.CLOSED;
  }

  /**
   * The first public reply or call of an agent, if it came before the case was first resolved (or
   * at that moment). Resolving stops the first-response clock, so a case resolved before anyone
   * answered has no first-response time; a reply after it was reopened answers a next response.
   */
  private static Optional<Instant> firstResponse(Case kase, List<ResolutionRow> resolutions) {
    Optional<Instant> firstResolved =
        resolutions.isEmpty()
            ? Optional.empty()
            : Optional.of(latest(kase.createdAt(), resolutions.getFirst().resolvedAt()));
    return kase.interactions().stream()
        .filter(Interaction::answersCustomer)
        .map(i -> latest(kase.createdAt(), i.at()))
        .findFirst()
        .filter(at -> firstResolved.map(resolved -> !at.isAfter(resolved)).orElse(true));
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /**
   * The business time the first-response clock used; without that clock (the protocol promises no
   * first response) every hour counts, as on the SLA's around-the-clock calendar.
   */
  private static Duration firstResponseBusiness(
      List<SlaClock> clocks, Instant created, Instant at) {
    return clocks.stream()
        .filter(c -> c.target() == SlaTarget.FIRST_RESPONSE && !c.isRunning())
        .map(SlaClock::elapsed)
        .findFirst()
        .orElse(Duration.between(created, at));
  }

  /** The business time of every stopped resolution cycle; wall-clock time without such clocks. */
  private static Duration resolutionBusiness(List<SlaClock> clocks, Instant created, Instant at) {
    List<SlaClock> stopped =
        clocks.stream().filter(c -> c.target() == SlaTarget.RESOLUTION && !c.isRunning()).toList();
    return stopped.isEmpty()
        ? Duration.between(created, at)
        : stopped.stream().map(SlaClock::elapsed).reduce(Duration.ZERO, Duration::plus);
  }

  /**
   * The run of the case's protocol version (its latest one): finished when completed or abandoned,
   * and also when the case was resolved while the run still stood on a step, which counts as a
   * deviation at that step nobody explained. Each earlier run the agent abandoned to switch
   * protocol is a deviation at the step it was left on, with the agent's reason.
   */
  private static Optional<MeasuredCase.RunFacts> run(
      List<RunRow> runs, Facts facts, StoredCase.ProtocolRef protocol, CaseStatus caseStatus) {
    Optional<RunRow> pinned =
        runs.reversed().stream()
            .filter(r -> r.slug().equals(protocol.slug()) && r.version() == protocol.version())
            .findFirst()
            .or(() -> runs.isEmpty() ? Optional.empty() : Optional.of(runs.getLast()));
    if (pinned.isEmpty()) {
      return Optional.empty();
    }
    MeasuredCase.RunFacts run = facts(pinned.get(), caseStatus);
    List<MeasuredCase.RunDeviation> deviations = new ArrayList<>();
    for (RunRow left : runs) {
      if (left != pinned.get() && left.status().equals("ABANDONED")) {
        lastStep(left)
            .ifPresent(
                step ->
                    deviations.add(
                        new MeasuredCase.RunDeviation(
                            step, Optional.ofNullable(facts.abandonReasons().get(left.id())))));
      }
    }
    deviations.addAll(run.deviations());
    return Optional.of(new MeasuredCase.RunFacts(run.finished(), deviations));
  }

  private static Optional<String> lastStep(RunRow row) {
    JsonNode path = JSON.readTree(row.path());
    return path.isEmpty() ? Optional.empty() : Optional.of(path.get(path.size() - 1).asString());
  }

  private static MeasuredCase.RunFacts facts(RunRow row, CaseStatus caseStatus) {
    List<MeasuredCase.RunDeviation> deviations = new ArrayList<>();
    for (JsonNode visit : JSON.readTree(row.log())) {
      for (JsonNode deviation : visit.path("deviations")) {
        deviations.add(
            new MeasuredCase.RunDeviation(
                deviation.path("step_id").asString(),
                Optional.ofNullable(deviation.path("reason").asString(null))));
      }
    }
    boolean active = row.status().equals("ACTIVE");
    if (active && isResolved(caseStatus)) {
      lastStep(row)
          .ifPresent(step -> deviations.add(new MeasuredCase.RunDeviation(step, Optional.empty())));
      return new MeasuredCase.RunFacts(true, deviations);
    }
    return new MeasuredCase.RunFacts(!active, deviations);
  }
}
