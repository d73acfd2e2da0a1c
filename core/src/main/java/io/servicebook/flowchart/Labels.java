package io.servicebook.flowchart;

import io.servicebook.protocol.Action;
import io.servicebook.protocol.Condition;
import io.servicebook.protocol.IsoDuration;
import io.servicebook.protocol.Sla;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/** Texts shown on flowcharts: action badges, durations, shortened conditions, wrapped lines. */
final class Labels {

  /** The longest condition shown on an edge or badge before it is cut with an ellipsis. */
  static final int CONDITION_LENGTH = 26;

  private Labels() {}

  /** How a badge is coloured. */
  enum Tone {
    ESCALATE,
    MONEY,
    RESOLVE,
    HANDOFF,
    SCHEDULE,
    SURVEY,
    INFO
  }

  record Badge(String text, Tone tone) {}

  static Badge badge(Action action) {
    Badge plain =
        switch (action) {
          case Action.Escalate e -> new Badge("⚑ escalate → " + e.to(), Tone.ESCALATE);
          case Action.Compensate c -> new Badge(compensation(c), Tone.MONEY);
          case Action.ScheduleFollowUp f ->
              new Badge(
                  "↻ follow-up after "
                      + duration(f.after())
                      + f.channel().map(ch -> " by " + ch.key()).orElse(""),
                  Tone.SCHEDULE);
          case Action.SendSurvey s ->
              new Badge("★ survey " + s.survey().name().toLowerCase(Locale.ROOT), Tone.SURVEY);
          case Action.Resolve r -> new Badge("✓ resolve", Tone.RESOLVE);
          case Action.Handoff h -> new Badge("↪ handoff → " + h.protocol(), Tone.HANDOFF);
          case Action.Reassign r -> new Badge("⇄ reassign → " + r.to(), Tone.INFO);
          case Action.RaisePriority r ->
              new Badge(
                  "▲ raise priority" + r.to().map(p -> " → " + p.key()).orElse(""), Tone.ESCALATE);
          case Action.Notify n -> new Badge("✉ notify " + n.who(), Tone.INFO);
        };
    return action
        .when()
        .map(c -> new Badge(plain.text() + " if " + condition(c), plain.tone()))
        .orElse(plain);
  }

  private static String compensation(Action.Compensate c) {
    StringBuilder text = new StringBuilder(currencySymbol(c.currency())).append(" compensate");
    c.max()
        .ifPresent(max -> text.append(" ≤ ").append(number(max)).append(' ').append(c.currency()));
    c.approvalAbove().ifPresent(a -> text.append(" (approval > ").append(number(a)).append(')'));
    return text.toString();
  }

  private static String currencySymbol(String currency) {
    return switch (currency.toUpperCase(Locale.ROOT)) {
      case "EUR" -> "€";
      case "USD", "CAD", "AUD" -> "$";
      case "GBP" -> "£";
      case "JPY" -> "¥";
      default -> "¤";
    };
  }

  static String number(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
  }

  /** A condition cut to {@link #CONDITION_LENGTH} characters, whitespace collapsed. */
  static String condition(Condition condition) {
    return shorten(condition.expression(), CONDITION_LENGTH);
  }

  static String shorten(String text, int max) {
    String collapsed = text.strip().replaceAll("\\s+", " ");
    return collapsed.length() <= max ? collapsed : collapsed.substring(0, max - 1).strip() + "…";
  }

  /** An SLA target for people: {@code PT2H} → "2 h", {@code PT90M} → "1 h 30 min", 72 h → "3 d". */
  static String duration(Duration d) {
    long minutes = d.toMinutes();
    if (minutes >= 48 * 60 && minutes % (24 * 60) == 0) {
      return minutes / (24 * 60) + " d";
    }
    long hours = minutes / 60;
    long rest = minutes % 60;
    if (hours == 0) {
      return rest + " min";
    }
    return rest == 0 ? hours + " h" : hours + " h " + rest + " min";
  }

  /** A protocol duration for people: {@code P2D} → "2 d", {@code P6M} → "6 mo", {@code PT4H}. */
  static String duration(IsoDuration d) {
    List<String> parts = new ArrayList<>();
    Period p = d.period();
    if (p.getYears() != 0) {
      parts.add(p.getYears() + " y");
    }
    if (p.getMonths() != 0) {
      parts.add(p.getMonths() + " mo");
    }
    if (p.getDays() != 0) {
      parts.add(p.getDays() + " d");
    }
    if (!d.time().isZero()) {
      parts.add(duration(d.time()));
    }
    return parts.isEmpty() ? d.text() : String.join(" ", parts);
  }

  /** Splits text into lines of at most {@code width} characters, breaking at spaces if it can. */
  static List<String> wrap(String text, int width) {
    List<String> lines = greedyWrap(text, width);
    // Balance the lines: the narrowest width that needs no more lines than the widest.
    for (int narrower = width - 1; narrower >= width / 2 && lines.size() > 1; narrower--) {
      int limit = narrower;
      List<String> candidate = greedyWrap(text, limit);
      if (candidate.size() > lines.size()
          || candidate.stream().anyMatch(l -> l.length() == limit && !l.contains(" "))) {
        break;
      }
      lines = candidate;
    }
    return lines;
  }

  private static List<String> greedyWrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.strip().split("\\s+")) {
      while (word.length() > width) {
        if (!line.isEmpty()) {
          lines.add(line.toString());
          line.setLength(0);
        }
        lines.add(word.substring(0, width));
        word = word.substring(width);
      }
      if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (!line.isEmpty()) {
        line.append(' ');
      }
      line.append(word);
    }
    if (!line.isEmpty() || lines.isEmpty()) {
      lines.add(line.toString());
    }
    return lines;
  }

  /** Approximate rendered width in pixels of text in a sans-serif font of {@code size} px. */
  static double width(String text, double size) {
    double units = 0;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      units += advance(c);
    }
    return units * size / 13.0;
  }

  private static double advance(int c) {
    if ("iljtfr.,:;'|!()[] ".indexOf(c) >= 0) {
      return 4.2;
    }
    if (c == 'm' || c == 'w' || c == 'M' || c == 'W' || c == '@') {
      return 10.5;
    }
    if (Character.isUpperCase(c)) {
      return 8.6;
    }
    if (c >= 0x2000) {
      return 12.5;
    }
    return 7.2;
  }

  /**
   * An SLA target counted on a business calendar, in business time: {@code PT24H} → "24 business
   * hours" (not "1 d": on a calendar open 8 hours a day that is three working days), {@code PT90M}
   * → "1 business hour 30 min", {@code PT30M} → "30 business minutes".
   */
  static String businessDuration(Duration d) {
    long minutes = d.toMinutes();
    long hours = minutes / 60;
    long rest = minutes % 60;
    if (hours == 0) {
      return rest + (rest == 1 ? " business minute" : " business minutes");
    }
    String h = hours + (hours == 1 ? " business hour" : " business hours");
    return rest == 0 ? h : h + " " + rest + " min";
  }

  /** The SLA as short phrases, a named calendar counted as business time. */
  static List<String> sla(Sla sla) {
    return sla(sla, Flowcharts.NAMED_CALENDARS_COUNT_BUSINESS_TIME);
  }

  /**
   * The SLA as short phrases: targets (in business time when {@code business} says the calendar
   * counts it), calendar, warning share and what happens on breach.
   */
  static List<String> sla(Sla sla, Predicate<String> business) {
    List<String> items = new ArrayList<>();
    Sla.Targets t = sla.targets();
    boolean onBusinessTime = sla.calendar().filter(business).isPresent();
    java.util.function.Function<Duration, String> text =
        onBusinessTime ? Labels::businessDuration : Labels::duration;
    t.firstResponse().ifPresent(d -> items.add("first response " + text.apply(d)));
    t.nextResponse().ifPresent(d -> items.add("next response " + text.apply(d)));
    t.resolution().ifPresent(d -> items.add("resolution " + text.apply(d)));
    sla.calendar().ifPresent(c -> items.add("calendar " + c));
    if (sla.warnAt() != Sla.DEFAULT_WARN_AT) {
      items.add("warn at " + Math.round(sla.warnAt() * 100) + " %");
    }
    if (!sla.onBreach().isEmpty()) {
      items.add(
          "on breach: "
              + String.join(", ", sla.onBreach().stream().map(a -> badge(a).text()).toList()));
    }
    return items;
  }

  static Optional<String> nonBlank(String s) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
  }
}
