package io.servicebook.calendar;

import io.servicebook.diagnostics.Diagnostic;
import io.servicebook.diagnostics.FormatRules;
import io.servicebook.document.Mapping;
import io.servicebook.document.YamlFile;
import io.servicebook.document.YamlReader;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads a business calendar file ({@code calendars/NAME.yaml}), reporting every problem. */
public final class CalendarReader {

  /** The keys of a calendar file. */
  public static final List<String> KEYS =
      List.of("calendar", "title", "time_zone", "hours", "holidays");

  private static final List<String> DAYS =
      List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");
  private static final Pattern INTERVAL =
      Pattern.compile("(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})");

  /** A calendar, if the file holds one, with the problems found. */
  public record Result(Optional<BusinessCalendar> calendar, List<Diagnostic> diagnostics) {}

  private CalendarReader() {}

  public static Result read(String file, String text) {
    YamlFile yaml = YamlFile.parse(file, text);
    YamlReader reader = new YamlReader(yaml);
    Optional<BusinessCalendar> calendar =
        yaml.root()
            .flatMap(root -> reader.mapping(root, "a calendar", KEYS))
            .flatMap(m -> calendar(reader, m));
    if (yaml.root().isEmpty() && !yaml.hasErrors()) {
      yaml.report(
          FormatRules.MISSING_KEY,
          io.servicebook.diagnostics.Position.START,
          "The calendar file is empty.",
          "Start with `calendar: NAME`, `time_zone:` and `hours:`.");
    }
    return new Result(yaml.hasErrors() ? Optional.empty() : calendar, yaml.diagnostics());
  }

  private static Optional<BusinessCalendar> calendar(YamlReader reader, Mapping m) {
    reader.require(m, "calendar", "A calendar");
    reader.require(m, "time_zone", "A calendar");
    reader.require(m, "hours", "A calendar");
    Optional<String> name = m.get("calendar").flatMap(n -> reader.text(n, "`calendar`"));
    m.get("title").ifPresent(n -> reader.text(n, "`title`"));
    Optional<ZoneId> zone = m.get("time_zone").flatMap(n -> zone(reader, n));
    Map<DayOfWeek, List<BusinessCalendar.Interval>> hours =
        m.get("hours").map(n -> hours(reader, n)).orElse(Map.of());
    TreeSet<LocalDate> holidays = new TreeSet<>();
    m.get("holidays")
        .ifPresent(n -> holidays.addAll(reader.each(n, "`holidays`", h -> holiday(reader, h))));
    if (name.isEmpty() || zone.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new BusinessCalendar(name.get(), zone.get(), hours, holidays, reader.file().file()));
  }

  private static Optional<ZoneId> zone(YamlReader reader, Node node) {
    return reader
        .text(node, "`time_zone`")
        .flatMap(
            text -> {
              try {
                return Optional.of(ZoneId.of(text));
              } catch (DateTimeException e) {
                reader
                    .file()
                    .report(
                        FormatRules.INVALID_VALUE,
                        node,
                        "`" + text + "` is not a time zone.",
                        "Use an IANA time zone name such as Europe/Berlin, America/New_York or"
                            + " UTC.");
                return Optional.empty();
              }
            });
  }

  private static Map<DayOfWeek, List<BusinessCalendar.Interval>> hours(
      YamlReader reader, Node node) {
    Map<DayOfWeek, List<BusinessCalendar.Interval>> hours = new EnumMap<>(DayOfWeek.class);
    reader
        .mapping(node, "`hours`", DAYS)
        .ifPresent(
            m ->
                m.entries()
                    .forEach(
                        (day, value) ->
                            hours.put(
                                DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT)),
                                intervals(reader, day, value))));
    return hours;
  }

  private static List<BusinessCalendar.Interval> intervals(
      YamlReader reader, String day, Node node) {
    List<BusinessCalendar.Interval> result = new ArrayList<>();
    for (Node item : reader.list(node, "the hours of " + day).orElse(List.of())) {
      reader
          .text(item, "an interval of " + day)
          .flatMap(t -> interval(reader, item, day, t))
          .ifPresent(
              interval -> {
                BusinessCalendar.Interval previous =
                    result.isEmpty() ? null : result.get(result.size() - 1);
                if (previous != null && interval.startMinute() < previous.endMinute()) {
                  reader
                      .file()
                      .report(
                          FormatRules.INVALID_VALUE,
                          item,
                          "The intervals of "
                              + day
                              + " must be in order and must not overlap: "
                              + interval
                              + " starts before "
                              + previous
                              + " ends.",
                          "List the intervals of a day from morning to evening, e.g. [\"09:00-12:30\", \"13:30-17:30\"].");
                } else {
                  result.add(interval);
                }
              });
    }
    return result;
  }

  private static Optional<BusinessCalendar.Interval> interval(
      YamlReader reader, Node node, String day, String text) {
    Matcher m = INTERVAL.matcher(text.trim());
    String hint =
        "Write intervals as \"HH:MM-HH:MM\" in 15-minute steps, e.g. \"09:00-17:30\"; the"
            + " end may be 24:00.";
    if (!m.matches()) {
      reader
          .file()
          .report(
              FormatRules.INVALID_VALUE,
              node,
              "`" + text + "` is not an interval of " + day + ".",
              hint);
      return Optional.empty();
    }
    int start = minute(m.group(1), m.group(2));
    int end = minute(m.group(3), m.group(4));
    boolean valid =
        start >= 0 && end >= 0 && start < end && end <= 1440 && start % 15 == 0 && end % 15 == 0;
    if (!valid) {
      reader
          .file()
          .report(
              FormatRules.INVALID_VALUE,
              node,
              "`"
                  + text
                  + "` on "
                  + day
                  + " is not a valid interval: times must be real, in 15-minute"
                  + " steps, and the end after the start.",
              hint);
      return Optional.empty();
    }
    return Optional.of(new BusinessCalendar.Interval(start, end));
  }

  private static int minute(String hours, String minutes) {
    int h = Integer.parseInt(hours);
    int m = Integer.parseInt(minutes);
    if (m > 59 || h > 24 || (h == 24 && m != 0)) {
      return -1;
    }
    return h * 60 + m;
  }

  private static Optional<LocalDate> holiday(YamlReader reader, Node node) {
    return reader
        .text(node, "a holiday")
        .flatMap(
            text -> {
              try {
                return Optional.of(LocalDate.parse(text.trim()));
              } catch (DateTimeException e) {
                reader
                    .file()
                    .report(
                        FormatRules.INVALID_VALUE,
                        node,
                        "`" + text + "` is not a date.",
                        "Write holidays as YYYY-MM-DD, e.g. 2026-12-25.");
                return Optional.empty();
              }
            });
  }
}
