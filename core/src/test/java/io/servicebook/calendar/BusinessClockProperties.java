package io.servicebook.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The clock against an obviously correct reference that walks minute by minute: for each minute of
 * a window, is it inside a resolved opening and outside every pause? Cases are made from one random
 * seed (jqwik prints it, and the case is in the failure message), concentrated around DST changes
 * in zones that have them, on random calendars in 15-minute steps.
 */
class BusinessClockProperties {

  static final List<String> ZONES =
      List.of(
          "Europe/Berlin",
          "America/New_York",
          "Australia/Lord_Howe",
          "America/Sao_Paulo",
          "America/Havana",
          "America/Santiago",
          "Asia/Tehran",
          "Pacific/Chatham",
          "Europe/London",
          "Europe/Dublin",
          "Africa/Casablanca",
          "Asia/Gaza",
          "America/St_Johns",
          "Australia/Adelaide",
          "Pacific/Apia",
          "Asia/Kolkata",
          "UTC");

  /** Minutes the reference looks at from the start. */
  static final int WINDOW = 60 * 24 * 60;

  record Case(
      BusinessCalendar calendar,
      Instant start,
      int targetMinutes,
      List<Pause> pauses,
      int from,
      int to) {
    BusinessClock clock() {
      return BusinessClock.of(calendar);
    }

    Instant minute(int i) {
      return start.plus(Duration.ofMinutes(i));
    }
  }

  @Property(tries = 1000)
  void deadlineMatchesTheMinuteByMinuteReference(@ForAll long seed) {
    Case c = aCase(new Random(seed));
    boolean[] counts = reference(c);
    Optional<Instant> expected = referenceDeadline(c, counts);
    Optional<Instant> actual = c.clock().deadline(c.start(), target(c), c.pauses());
    if (expected.isPresent()) {
      assertThat(actual).as(c.toString()).contains(expected.get());
    } else if (actual.isPresent()) {
      assertThat(actual.get()).as(c.toString()).isAfterOrEqualTo(c.minute(WINDOW));
    } else {
      assertThat(c.calendar().weeklyMinutes()).as(c.toString()).isZero();
    }
  }

  @Property(tries = 1000)
  void businessTimeBetweenMatchesTheMinuteByMinuteReference(@ForAll long seed) {
    Case c = aCase(new Random(seed));
    boolean[] counts = reference(c);
    int expected = 0;
    for (int i = c.from(); i < c.to(); i++) {
      expected += counts[i] ? 1 : 0;
    }
    Duration actual =
        c.clock().businessTimeBetween(c.minute(c.from()), c.minute(c.to()), c.pauses());
    assertThat(actual).as(c.toString()).isEqualTo(Duration.ofMinutes(expected));
  }

  @Property(tries = 1000)
  void isOpenAtMatchesTheReference(@ForAll long seed) {
    Case c = aCase(new Random(seed));
    Case unpaused =
        new Case(c.calendar(), c.start(), c.targetMinutes(), List.of(), c.from(), c.to());
    boolean[] open = reference(unpaused);
    for (int i = c.from(); i < Math.min(c.to(), c.from() + 3 * 24 * 60); i += 7) {
      assertThat(c.clock().isOpenAt(c.minute(i))).as(c + " at " + c.minute(i)).isEqualTo(open[i]);
    }
  }

  @Property(tries = 1000)
  void theBusinessTimeUntilTheDeadlineIsTheTarget(@ForAll long seed) {
    Random random = new Random(seed);
    Case c = aCase(random);
    // A start anywhere in the minute, down to the nanosecond.
    Instant start = c.start().plusNanos(random.nextLong(60_000_000_000L));
    Duration target = target(c).plusNanos(random.nextInt(1_000_000_000));
    Optional<Instant> deadline = c.clock().deadline(start, target, c.pauses());
    if (c.calendar().weeklyMinutes() > 0) {
      assertThat(deadline).as(c.toString()).isPresent();
      assertThat(c.clock().businessTimeBetween(start, deadline.get(), c.pauses()))
          .as(c.toString())
          .isEqualTo(target);
      assertThat(c.clock().businessTimeBetween(start, deadline.get().minusNanos(1), c.pauses()))
          .as(c.toString())
          .isLessThan(target);
    }
  }

  static Duration target(Case c) {
    return Duration.ofMinutes(c.targetMinutes());
  }

  // --- the reference -------------------------------------------------------------------------

  /** For each minute of the window: does it count? */
  static boolean[] reference(Case c) {
    boolean[] open = new boolean[WINDOW];
    ZoneId zone = c.calendar().zone();
    LocalDate first = LocalDate.ofInstant(c.start(), zone).minusDays(2);
    LocalDate last = LocalDate.ofInstant(c.minute(WINDOW), zone).plusDays(2);
    for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
      if (c.calendar().holidays().contains(date)) {
        continue;
      }
      for (BusinessCalendar.Interval interval : c.calendar().hours().get(date.getDayOfWeek())) {
        Instant s = localInstant(date, interval.startMinute(), zone);
        Instant e = localInstant(date, interval.endMinute(), zone);
        for (int i = near(c, s); i < WINDOW && i <= near(c, e); i++) {
          Instant t = c.minute(i);
          if (!t.isBefore(s) && !t.plus(Duration.ofMinutes(1)).isAfter(e)) {
            open[i] = true;
          }
        }
      }
    }
    for (Pause pause : c.pauses()) {
      for (int i = near(c, pause.start()); i < WINDOW && i <= near(c, pause.end()); i++) {
        Instant t = c.minute(i);
        if (!t.isBefore(pause.start()) && t.isBefore(pause.end())) {
          open[i] = false;
        }
      }
    }
    return open;
  }

  /** The minute of the window just before {@code t} (or 0): only saves the walk some steps. */
  static int near(Case c, Instant t) {
    long minutes = Duration.between(c.start(), t).toMinutes() - 1;
    return (int) Math.max(0, Math.min(WINDOW, minutes));
  }

  static Instant localInstant(LocalDate date, int minute, ZoneId zone) {
    LocalDateTime local =
        minute == 1440
            ? LocalDateTime.of(date.plusDays(1), LocalTime.MIDNIGHT)
            : LocalDateTime.of(date, LocalTime.of(minute / 60, minute % 60));
    return ZonedDateTime.of(local, zone).toInstant();
  }

  static Optional<Instant> referenceDeadline(Case c, boolean[] counts) {
    if (c.targetMinutes() == 0) {
      return Optional.of(c.start());
    }
    int counted = 0;
    for (int i = 0; i < WINDOW; i++) {
      counted += counts[i] ? 1 : 0;
      if (counted == c.targetMinutes()) {
        return Optional.of(c.minute(i + 1));
      }
    }
    return Optional.empty();
  }

  // --- random cases --------------------------------------------------------------------------

  static Case aCase(Random random) {
    ZoneId zone = ZoneId.of(ZONES.get(random.nextInt(ZONES.size())));
    Instant start = aStart(random, zone);
    Map<DayOfWeek, List<BusinessCalendar.Interval>> hours = new EnumMap<>(DayOfWeek.class);
    boolean closed = random.nextInt(40) == 0;
    for (DayOfWeek day : DayOfWeek.values()) {
      hours.put(day, closed ? List.of() : intervals(random));
    }
    TreeSet<LocalDate> holidays = new TreeSet<>();
    LocalDate startDate = LocalDate.ofInstant(start, zone);
    for (int i = random.nextInt(8); i > 0; i--) {
      holidays.add(startDate.plusDays(random.nextInt(-3, 40)));
    }
    BusinessCalendar calendar =
        new BusinessCalendar("random", zone, hours, holidays, "random.yaml");
    int weekly = calendar.weeklyMinutes();
    int target =
        random.nextInt(10) == 0
            ? 0
            : random.nextInt(1, Math.max(2, Math.min(weekly * 5, 60 * 24 * 7)));
    List<Pause> pauses = new ArrayList<>();
    for (int i = random.nextInt(5); i > 0; i--) {
      Instant pauseStart = start.plus(Duration.ofMinutes(random.nextInt(-2 * 1440, 20 * 1440)));
      int length = random.nextBoolean() ? random.nextInt(1, 240) : random.nextInt(1, 3 * 1440);
      pauses.add(new Pause(pauseStart, pauseStart.plus(Duration.ofMinutes(length))));
    }
    int from = random.nextInt(WINDOW / 2);
    int to = from + random.nextInt(WINDOW - from);
    return new Case(calendar, start, target, List.copyOf(pauses), from, to);
  }

  /** Mostly a few days before a DST change (any change of offset), on a whole minute. */
  static Instant aStart(Random random, ZoneId zone) {
    Instant someDay =
        LocalDate.of(random.nextInt(2008, 2031), 1, 1)
            .plusDays(random.nextInt(365))
            .atStartOfDay()
            .toInstant(ZoneOffset.UTC)
            .plus(Duration.ofMinutes(random.nextInt(1440)));
    ZoneOffsetTransition next = zone.getRules().nextTransition(someDay);
    if (next != null && random.nextInt(4) != 0) {
      someDay = next.getInstant().minus(Duration.ofMinutes(random.nextInt(4 * 1440)));
    }
    return someDay.truncatedTo(ChronoUnit.MINUTES);
  }

  /** Up to three intervals in 15-minute steps, often around 00:00-04:00 and ending at 24:00. */
  static List<BusinessCalendar.Interval> intervals(Random random) {
    List<BusinessCalendar.Interval> intervals = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      int start;
      int end;
      switch (random.nextInt(4)) {
        case 0 -> {
          start = 15 * random.nextInt(0, 20);
          end = start + 15 * random.nextInt(1, 12);
        }
        case 1 -> {
          start = 15 * random.nextInt(0, 96);
          end = 1440;
        }
        default -> {
          start = 15 * random.nextInt(0, 96);
          end = start + 15 * random.nextInt(1, 96 - start / 15 + 1);
        }
      }
      intervals.add(new BusinessCalendar.Interval(start, Math.min(end, 1440)));
    }
    return intervals;
  }
}
