package io.servicebook.kpi;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * What cases can be grouped by; periods are of the case's creation in a given time zone, weeks are
 * ISO weeks (see {@code docs/kpis.md}).
 */
public enum Dimension {
  PROTOCOL,
  VERSION,
  AGENT,
  TEAM,
  CHANNEL,
  LANGUAGE,
  TIER,
  DAY,
  WEEK,
  MONTH;

  /** The group of cases without an agent or a team. */
  public static final String NONE = "none";

  /** The name the API uses, such as {@code channel}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The case's value in this dimension: {@code 3} for version 3, {@code 2026-11-23}, {@code
   * 2026-W48} or {@code 2026-11} for periods.
   */
  public String valueOf(MeasuredCase kase, ZoneId zone) {
    return switch (this) {
      case PROTOCOL -> kase.protocol();
      case VERSION -> Integer.toString(kase.version());
      case AGENT -> kase.agent().orElse(NONE);
      case TEAM -> kase.team().orElse(NONE);
      case CHANNEL -> kase.channel().key();
      case LANGUAGE -> kase.language();
      case TIER -> kase.tier();
      case DAY, WEEK, MONTH -> periodOf(kase.createdAt().atZone(zone).toLocalDate());
    };
  }

  /** Whether this is a period of creation: day, week or month. */
  public boolean isPeriod() {
    return this == DAY || this == WEEK || this == MONTH;
  }

  /**
   * The period a day falls in: {@code 2026-11-23}, {@code 2026-W48} or {@code 2026-11}.
   *
   * @throws IllegalStateException if this is not a period
   */
  public String periodOf(LocalDate day) {
    return switch (this) {
      case DAY -> day.toString();
      case WEEK ->
          String.format(
              Locale.ROOT,
              "%d-W%02d",
              day.get(IsoFields.WEEK_BASED_YEAR),
              day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case MONTH -> day.toString().substring(0, 7);
      default -> throw new IllegalStateException("Bug: " + this + " is not a period.");
    };
  }
}
