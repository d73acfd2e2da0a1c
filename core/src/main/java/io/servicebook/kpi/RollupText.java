package io.servicebook.kpi;

import io.servicebook.compensation.Money;
import io.servicebook.followups.FollowUpStatus;
import io.servicebook.kpi.MeasuredCase.SlaOutcome.Result;
import io.servicebook.kpi.Rollup.DeviationKey;
import io.servicebook.protocol.SurveyKind;
import io.servicebook.sla.SlaTarget;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The text form of a counting rollup, one line per multiset: a tag, for some a qualifier, then the
 * values, each followed by {@code :count} when it occurs more than once. Values are URL-encoded, so
 * a deviation reason may hold any character. For example:
 *
 * <pre>
 * rollup 1
 * facet CASES:3 RESOLVED:2
 * fr 60 600:2
 * sla FIRST_RESPONSE MET:2 BREACHED
 * score CSAT 4 5:2
 * deviation verify/customer+in+a+hurry:2
 * comp EUR:12.50
 * </pre>
 */
final class RollupText {

  private static final String HEADER = "rollup 1";

  private RollupText() {}

  static String write(Rollup rollup) {
    List<String> lines = new ArrayList<>();
    lines.add(HEADER);
    line(lines, "facet", rollup.counted(), Enum::name);
    seconds(lines, "fr", rollup.firstResponse());
    seconds(lines, "frb", rollup.firstResponseBusiness());
    seconds(lines, "rs", rollup.resolution());
    seconds(lines, "rsb", rollup.resolutionBusiness());
    for (SlaTarget target : SlaTarget.values()) {
      line(lines, "sla " + target.name(), rollup.sla(target), Enum::name);
    }
    line(lines, "followup", rollup.followUps(), Enum::name);
    line(lines, "sent", rollup.surveysSent(), Enum::name);
    for (SurveyKind kind : SurveyKind.values()) {
      line(lines, "score " + kind.name(), rollup.scores(kind), String::valueOf);
    }
    line(lines, "deviation", rollup.deviations(), k -> encode(k.step()) + "/" + encode(k.reason()));
    if (!rollup.compensation().isEmpty()) {
      StringBuilder comp = new StringBuilder("comp");
      rollup
          .compensation()
          .forEach(
              (currency, amount) ->
                  comp.append(' ').append(currency).append(':').append(amount.toPlainString()));
      lines.add(comp.toString());
    }
    return String.join("\n", lines);
  }

  static Rollup read(String text, Rollup into) {
    String[] lines = text.split("\n", -1);
    if (lines.length == 0 || !lines[0].equals(HEADER)) {
      throw new IllegalArgumentException("Not a stored rollup: line 1 is not `" + HEADER + "`.");
    }
    for (int i = 1; i < lines.length; i++) {
      try {
        readLine(lines[i], into);
      } catch (RuntimeException bad) {
        throw new IllegalArgumentException(
            "Stored rollup, line " + (i + 1) + " (`" + lines[i] + "`): " + bad.getMessage(), bad);
      }
    }
    return into;
  }

  private static void readLine(String line, Rollup into) {
    int space = line.indexOf(' ');
    String tag = space < 0 ? line : line.substring(0, space);
    // the seconds are most of a stored rollup: read them without splitting the line
    switch (tag) {
      case "fr" -> {
        seconds(line, space + 1, into.firstResponse());
        return;
      }
      case "frb" -> {
        seconds(line, space + 1, into.firstResponseBusiness());
        return;
      }
      case "rs" -> {
        seconds(line, space + 1, into.resolution());
        return;
      }
      case "rsb" -> {
        seconds(line, space + 1, into.resolutionBusiness());
        return;
      }
      default -> {
        // the other lines are short
      }
    }
    String[] parts = line.split(" ");
    switch (parts[0]) {
      case "facet" -> values(parts, 1, into.counted(), Facet::valueOf);
      case "sla" -> values(parts, 2, into.sla(SlaTarget.valueOf(parts[1])), Result::valueOf);
      case "followup" -> values(parts, 1, into.followUps(), FollowUpStatus::valueOf);
      case "sent" -> values(parts, 1, into.surveysSent(), SurveyKind::valueOf);
      case "score" -> values(parts, 2, into.scores(SurveyKind.valueOf(parts[1])), Integer::valueOf);
      case "deviation" -> values(parts, 1, into.deviations(), RollupText::deviation);
      case "comp" -> {
        for (int i = 1; i < parts.length; i++) {
          int colon = parts[i].indexOf(':');
          into.addCompensation(
              new Money(
                  new BigDecimal(parts[i].substring(colon + 1)), parts[i].substring(0, colon)));
        }
      }
      default -> throw new IllegalArgumentException("unknown tag `" + parts[0] + "`");
    }
  }

  /**
   * Reads {@code value[:count]} tokens of whole seconds from {@code from} to the line's end: as one
   * sorted run when they ascend, as written, else one by one.
   */
  private static void seconds(String line, int from, LongMultiset into) {
    int end = line.length();
    int at = from;
    long[] values = new long[64];
    long[] counts = new long[64];
    int n = 0;
    boolean ascending = true;
    while (at > 0 && at < end) {
      int next = line.indexOf(' ', at);
      int stop = next < 0 ? end : next;
      int colon = line.indexOf(':', at);
      if (colon < 0 || colon > stop) {
        colon = stop;
      }
      long value = Long.parseLong(line, at, colon, 10);
      long times = colon == stop ? 1 : Long.parseLong(line, colon + 1, stop, 10);
      if (times <= 0) {
        throw new IllegalArgumentException("a count must be positive, not " + times);
      }
      if (n == values.length) {
        values = Arrays.copyOf(values, n * 2);
        counts = Arrays.copyOf(counts, n * 2);
      }
      ascending &= n == 0 || value > values[n - 1];
      values[n] = value;
      counts[n++] = times;
      at = stop + 1;
    }
    if (ascending) {
      into.addAscending(values, counts, n);
    } else {
      for (int i = 0; i < n; i++) {
        into.add(values[i], counts[i]);
      }
    }
  }

  private static DeviationKey deviation(String token) {
    int slash = token.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("a deviation is step/reason, not `" + token + "`");
    }
    return new DeviationKey(decode(token.substring(0, slash)), decode(token.substring(slash + 1)));
  }

  private static <K extends Comparable<? super K>> void line(
      List<String> lines, String tag, Multiset<K> values, Function<K, String> text) {
    if (values.counts().isEmpty()) {
      return;
    }
    StringBuilder line = new StringBuilder(tag);
    for (Map.Entry<K, Long> entry : values.counts().entrySet()) {
      line.append(' ').append(text.apply(entry.getKey()));
      if (entry.getValue() != 1) {
        line.append(':').append(entry.getValue());
      }
    }
    lines.add(line.toString());
  }

  private static void seconds(List<String> lines, String tag, LongMultiset values) {
    if (values.isEmpty()) {
      return;
    }
    LongMultiset.Sorted sorted = values.sorted();
    StringBuilder line = new StringBuilder(tag);
    for (int i = 0; i < sorted.distinct(); i++) {
      line.append(' ').append(sorted.values()[i]);
      if (sorted.counts()[i] != 1) {
        line.append(':').append(sorted.counts()[i]);
      }
    }
    lines.add(line.toString());
  }

  private static <K extends Comparable<? super K>> void values(
      String[] parts, int from, Multiset<K> into, Function<String, K> value) {
    for (int i = from; i < parts.length; i++) {
      String token = parts[i];
      int colon = token.lastIndexOf(':');
      long times = colon < 0 ? 1 : Long.parseLong(token.substring(colon + 1));
      if (times <= 0) {
        throw new IllegalArgumentException("a count must be positive, not " + times);
      }
      into.add(value.apply(colon < 0 ? token : token.substring(0, colon)), times);
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
