package io.servicebook.kpi;

import io.servicebook.compensation.Money;
import io.servicebook.followups.FollowUpStatus;
import io.servicebook.kpi.MeasuredCase.RunDeviation;
import io.servicebook.kpi.MeasuredCase.RunFacts;
import io.servicebook.kpi.MeasuredCase.SlaOutcome;
import io.servicebook.kpi.MeasuredCase.Survey;
import io.servicebook.protocol.Channel;
import io.servicebook.protocol.SurveyKind;
import io.servicebook.sla.SlaTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Shared test fixtures: {@code aCase("c1").firstResponseAfter(60).resolvedAfter(3600).build()}. */
final class MeasuredCases {

  static final Instant CREATED = Instant.parse("2026-11-02T09:00:00Z");

  private String id;
  private String protocol = "return-and-refund";
  private int version = 1;
  private Optional<String> agent = Optional.of("agent-7");
  private Optional<String> team = Optional.of("team-a");
  private Channel channel = Channel.EMAIL;
  private String language = "en";
  private String tier = "standard";
  private Instant createdAt = CREATED;
  private Optional<Instant> firstResponseAt = Optional.empty();
  private Optional<Instant> resolvedAt = Optional.empty();
  private Optional<Duration> firstResponseBusiness = Optional.empty();
  private Optional<Duration> resolutionBusiness = Optional.empty();
  private final List<SlaOutcome> sla = new ArrayList<>();
  private boolean reopened;
  private boolean escalated;
  private int contacts = 1;
  private final List<FollowUpStatus> followUps = new ArrayList<>();
  private Optional<RunFacts> run = Optional.empty();
  private Optional<Money> compensation = Optional.empty();
  private final List<Survey> surveys = new ArrayList<>();

  private MeasuredCases(String id) {
    this.id = id;
  }

  static MeasuredCases aCase(String id) {
    return new MeasuredCases(id);
  }

  MeasuredCases protocol(String slug, int version) {
    this.protocol = slug;
    this.version = version;
    return this;
  }

  MeasuredCases version(int version) {
    this.version = version;
    return this;
  }

  MeasuredCases agent(String agent) {
    this.agent = Optional.ofNullable(agent);
    return this;
  }

  MeasuredCases team(String team) {
    this.team = Optional.ofNullable(team);
    return this;
  }

  MeasuredCases channel(Channel channel) {
    this.channel = channel;
    return this;
  }

  MeasuredCases language(String language) {
    this.language = language;
    return this;
  }

  MeasuredCases tier(String tier) {
    this.tier = tier;
    return this;
  }

  MeasuredCases createdAt(Instant createdAt) {
    this.createdAt = createdAt;
    return this;
  }

  /** First response this many seconds after creation, in wall-clock and business time alike. */
  MeasuredCases firstResponseAfter(long seconds) {
    return firstResponseAfter(seconds, seconds);
  }

  MeasuredCases firstResponseAfter(long wallSeconds, long businessSeconds) {
    this.firstResponseAt = Optional.of(createdAt.plusSeconds(wallSeconds));
    this.firstResponseBusiness = Optional.of(Duration.ofSeconds(businessSeconds));
    return this;
  }

  MeasuredCases resolvedAfter(long seconds) {
    return resolvedAfter(seconds, seconds);
  }

  MeasuredCases resolvedAfter(long wallSeconds, long businessSeconds) {
    this.resolvedAt = Optional.of(createdAt.plusSeconds(wallSeconds));
    this.resolutionBusiness = Optional.of(Duration.ofSeconds(businessSeconds));
    return this;
  }

  MeasuredCases sla(SlaTarget target, SlaOutcome.Result result) {
    sla.add(new SlaOutcome(target, result));
    return this;
  }

  MeasuredCases reopened() {
    this.reopened = true;
    return this;
  }

  MeasuredCases escalated() {
    this.escalated = true;
    return this;
  }

  MeasuredCases contacts(int contacts) {
    this.contacts = contacts;
    return this;
  }

  MeasuredCases followUp(FollowUpStatus status) {
    followUps.add(status);
    return this;
  }

  MeasuredCases run(boolean finished, RunDeviation... deviations) {
    this.run = Optional.of(new RunFacts(finished, List.of(deviations)));
    return this;
  }

  MeasuredCases compensation(String amount, String currency) {
    this.compensation = Optional.of(Money.of(amount, currency));
    return this;
  }

  MeasuredCases survey(SurveyKind kind, Integer score) {
    surveys.add(score == null ? Survey.unanswered(kind) : Survey.answered(kind, score));
    return this;
  }

  static RunDeviation deviation(String step, String reason) {
    return new RunDeviation(step, Optional.ofNullable(reason));
  }

  MeasuredCase build() {
    return new MeasuredCase(
        id,
        protocol,
        version,
        agent,
        team,
        channel,
        language,
        tier,
        createdAt,
        firstResponseAt,
        resolvedAt,
        firstResponseBusiness,
        resolutionBusiness,
        sla,
        reopened,
        escalated,
        contacts,
        followUps,
        run,
        compensation,
        surveys);
  }
}
