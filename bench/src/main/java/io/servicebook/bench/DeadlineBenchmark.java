package io.servicebook.bench;

import io.servicebook.calendar.BusinessCalendar;
import io.servicebook.calendar.BusinessClock;
import io.servicebook.calendar.Pause;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Deadlines of a 200-hour target on Berlin office hours with German holidays, as an SLA clock
 * computes them for every case: from 256 starts spread over 2026, without and with pauses.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class DeadlineBenchmark {

  static final Duration TARGET = Duration.ofHours(200);
  static final int CASES = 256;

  BusinessClock clock;
  Instant[] starts;
  List<Pause>[] pauses;
  int next;

  @Setup
  @SuppressWarnings("unchecked")
  public void setUp() {
    clock = BusinessClock.of(euBusiness());
    starts = new Instant[CASES];
    pauses = new List[CASES];
    Instant first = Instant.parse("2026-01-02T07:45:00Z");
    for (int i = 0; i < CASES; i++) {
      Instant start = first.plus(Duration.ofMinutes(i * 2039L));
      starts[i] = start;
      // Three pauses: waiting on the customer for 2 hours, for a day and a half, and one that
      // overlaps the second.
      Instant a = start.plus(Duration.ofHours(3));
      Instant b = start.plus(Duration.ofDays(4));
      pauses[i] =
          List.of(
              new Pause(a, a.plus(Duration.ofHours(2))),
              new Pause(b, b.plus(Duration.ofHours(36))),
              new Pause(b.plus(Duration.ofHours(30)), b.plus(Duration.ofHours(50))));
    }
  }

  @Benchmark
  public Optional<Instant> withoutPauses() {
    int i = next++ & (CASES - 1);
    return clock.deadline(starts[i], TARGET, List.of());
  }

  @Benchmark
  public Optional<Instant> withPauses() {
    int i = next++ & (CASES - 1);
    return clock.deadline(starts[i], TARGET, pauses[i]);
  }

  static BusinessCalendar euBusiness() {
    Map<DayOfWeek, List<BusinessCalendar.Interval>> hours = new EnumMap<>(DayOfWeek.class);
    List<BusinessCalendar.Interval> day =
        List.of(new BusinessCalendar.Interval(540, 750), new BusinessCalendar.Interval(810, 1050));
    for (DayOfWeek d :
        List.of(
            DayOfWeek.MONDAY,
            DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY,
            DayOfWeek.FRIDAY)) {
      hours.put(d, day);
    }
    TreeSet<LocalDate> holidays = new TreeSet<>();
    Stream.of(
            "2026-01-01",
            "2026-04-03",
            "2026-04-06",
            "2026-05-01",
            "2026-05-14",
            "2026-05-25",
            "2026-10-03",
            "2026-12-25",
            "2026-12-26",
            "2027-01-01",
            "2027-03-26",
            "2027-03-29",
            "2027-05-01",
            "2027-05-06",
            "2027-05-17",
            "2027-10-03",
            "2027-12-25",
            "2027-12-26")
        .map(LocalDate::parse)
        .forEach(holidays::add);
    return new BusinessCalendar(
        "eu-business", ZoneId.of("Europe/Berlin"), hours, holidays, "eu-business.yaml");
  }
}
