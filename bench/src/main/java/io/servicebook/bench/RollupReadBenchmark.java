package io.servicebook.bench;

import io.servicebook.followups.FollowUpStatus;
import io.servicebook.kpi.KpiValues;
import io.servicebook.kpi.MeasuredCase;
import io.servicebook.kpi.MeasuredCase.SlaOutcome;
import io.servicebook.kpi.MeasuredCase.SlaOutcome.Result;
import io.servicebook.kpi.MeasuredCase.Survey;
import io.servicebook.kpi.Rollup;
import io.servicebook.protocol.Channel;
import io.servicebook.protocol.SurveyKind;
import io.servicebook.sla.SlaTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a dashboard question costs the server once the stored rollup rows are fetched: reading 30
 * days of rows (one per day, or one per day and channel) back into rollups and computing their
 * KPIs. The cases are like those {@code servicebook demo-data} writes (first response and
 * resolution times log-normal, slower on email), {@code casesPerDay} of them a day.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RollupReadBenchmark {

  static final int DAYS = 30;
  static final List<Channel> CHANNELS =
      List.of(Channel.EMAIL, Channel.CHAT, Channel.PHONE, Channel.SOCIAL);

  @Param("2700")
  int casesPerDay;

  /** One row per day, all cases. */
  List<String> dayRows;

  /** One row per day and channel. */
  List<List<String>> channelRows;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(20261202);
    Instant start = Instant.parse("2026-11-01T00:00:00Z");
    dayRows = new ArrayList<>();
    channelRows = new ArrayList<>();
    CHANNELS.forEach(c -> channelRows.add(new ArrayList<>()));
    for (int day = 0; day < DAYS; day++) {
      Rollup all = Rollup.counting();
      List<Rollup> byChannel = new ArrayList<>();
      CHANNELS.forEach(c -> byChannel.add(Rollup.counting()));
      for (int i = 0; i < casesPerDay; i++) {
        int channel = random.nextInt(CHANNELS.size());
        MeasuredCase kase =
            measured(
                random,
                "case-" + day + "-" + i,
                CHANNELS.get(channel),
                start.plus(Duration.ofDays(day)).plusSeconds(random.nextInt(86_400)));
        all.add(kase);
        byChannel.get(channel).add(kase);
      }
      dayRows.add(all.encode());
      for (int c = 0; c < CHANNELS.size(); c++) {
        channelRows.get(c).add(byChannel.get(c).encode());
      }
    }
  }

  /** All cases of the 30 days: their rows summed into one rollup, and its KPIs. */
  @Benchmark
  public KpiValues overall() {
    Rollup overall = Rollup.counting();
    dayRows.forEach(overall::includeEncoded);
    return overall.kpis();
  }

  /** By channel: each channel's rows into its group, the groups summed, the KPIs of all. */
  @Benchmark
  public List<KpiValues> byChannel() {
    List<Rollup> groups = new ArrayList<>();
    for (List<String> rows : channelRows) {
      Rollup group = Rollup.counting();
      rows.forEach(group::includeEncoded);
      groups.add(group);
    }
    Rollup overall = Rollup.counting();
    groups.forEach(overall::include);
    List<KpiValues> kpis = new ArrayList<>();
    kpis.add(overall.kpis());
    groups.forEach(g -> kpis.add(g.kpis()));
    return kpis;
  }

  static MeasuredCase measured(
      SplittableRandom random, String id, Channel channel, Instant created) {
    double typical =
        switch (channel) {
          case CHAT, SOCIAL -> 90;
          case PHONE -> 30;
          default -> 2.5 * 3600;
        };
    long firstResponse = Math.max(5, (long) (typical * Math.exp(random.nextGaussian() * 0.9)));
    long resolution =
        firstResponse + (long) (4 * 3600 * Math.exp(random.nextGaussian() * 1.1)) + 60;
    boolean resolved = random.nextInt(100) < 96;
    List<SlaOutcome> sla =
        List.of(
            new SlaOutcome(
                SlaTarget.FIRST_RESPONSE,
                firstResponse < typical * 2 ? Result.MET : Result.BREACHED),
            new SlaOutcome(
                SlaTarget.RESOLUTION,
                resolved && resolution < 8 * 3600 ? Result.MET : Result.BREACHED));
    List<Survey> surveys =
        resolved && random.nextInt(100) < 40
            ? List.of(
                random.nextInt(100) < 45
                    ? Survey.answered(SurveyKind.CSAT, 1 + random.nextInt(5))
                    : Survey.unanswered(SurveyKind.CSAT))
            : List.of();
    return new MeasuredCase(
        id,
        "complaint-handling",
        1,
        Optional.of("agent-" + random.nextInt(12)),
        Optional.of("team-" + random.nextInt(3)),
        channel,
        "en",
        "standard",
        created,
        Optional.of(created.plusSeconds(firstResponse)),
        resolved ? Optional.of(created.plusSeconds(resolution)) : Optional.empty(),
        Optional.of(Duration.ofSeconds(firstResponse * 3 / 4)),
        resolved ? Optional.of(Duration.ofSeconds(resolution * 2 / 3)) : Optional.empty(),
        sla,
        false,
        random.nextInt(100) < 7,
        1,
        resolved && random.nextInt(100) < 20 ? List.of(FollowUpStatus.DONE) : List.of(),
        Optional.empty(),
        Optional.empty(),
        surveys);
  }
}
