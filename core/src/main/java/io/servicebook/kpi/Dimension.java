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
    LocalDate created = kase.createdAt().atZone(zone).toLocalDate();
    return switch (this) {
      case PROTOCOL -> kase.protocol();
      case VERSION -> Integer.toString(kase.version());
      case AGENT -> kase.agent().orElse(NONE);
      case TEAM -> kase.team().orElse(NONE);
      case CHANNEL -> kase.channel().key();
      case LANGUAGE -> kase.language();
      case TIER -> kase.tier();
      case DAY -> created.toString();
      case WEEK ->
          String.format(
              Locale.ROOT,
              "%d-W%02d",
              created.get(IsoFields.WEEK_BASED_YEAR),
              created.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case MONTH -> created.toString().substring(0, 7);
    };
  }
}
