package io.servicebook.server.kpi;

import io.servicebook.kpi.Dimension;
import io.servicebook.kpi.Slicing;
import io.servicebook.kpi.Window;
import io.servicebook.server.web.TimeInput;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads the query parameters of the KPI endpoints, collecting every problem with the parameter it
 * is about: which protocol and version, the window ({@code from}, {@code to}: an instant or a date
 * in {@code zone}; a {@code to} date includes that day), the grouping ({@code by}) and the zone.
 */
final class KpiParameters {

  /** A parameter that needs fixing. */
  record FieldError(String field, String message) {}

  /** The parameters every report takes, as sent; Spring binds them by name. */
  record Asked(String protocol, String version, String from, String to, String by, String zone) {}

  /** Which cases a report counts and how it groups them. */
  record Question(KpiQuery query, Slicing slicing) {}

  private final KpiReports reports;
  private final List<FieldError> errors = new ArrayList<>();

  KpiParameters(KpiReports reports) {
    this.reports = reports;
  }

  List<FieldError> errors() {
    return errors;
  }

  /** The question asked; only to be answered when there are no {@link #errors()}. */
  Question question(Asked asked) {
    Optional<String> slug = protocol(asked.protocol(), false);
    Optional<Integer> number = version("version", asked.version(), slug, false);
    ZoneId zone = zone(asked.zone());
    Slicing slicing = new Slicing(by(asked.by()), zone);
    Window window = window(asked.from(), asked.to(), zone);
    return new Question(new KpiQuery(slug, number, window), slicing);
  }

  Optional<String> protocol(String slug, boolean required) {
    if (slug == null || slug.isBlank()) {
      if (required) {
        errors.add(new FieldError("protocol", "is required; give a protocol's slug."));
      }
      return Optional.empty();
    }
    if (!reports.hasProtocol(slug)) {
      errors.add(new FieldError("protocol", "`" + slug + "` is not a published protocol."));
    }
    return Optional.of(slug);
  }

  Optional<Integer> version(String name, String text, Optional<String> protocol, boolean required) {
    if (text == null || text.isBlank()) {
      if (required) {
        errors.add(new FieldError(name, "is required; give a version number."));
      }
      return Optional.empty();
    }
    int version;
    try {
      version = Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      errors.add(new FieldError(name, "`" + text + "` is not a version number such as 2."));
      return Optional.empty();
    }
    if (protocol.isEmpty()) {
      errors.add(new FieldError(name, "needs `protocol`: versions are numbered per protocol."));
    } else if (reports.hasProtocol(protocol.get())
        && !reports.hasVersion(protocol.get(), version)) {
      errors.add(
          new FieldError(name, protocol.get() + " has no published version " + version + "."));
    }
    return Optional.of(version);
  }

  ZoneId zone(String text) {
    if (text == null || text.isBlank()) {
      return reports.zone();
    }
    try {
      return ZoneId.of(text.strip());
    } catch (DateTimeException e) {
      errors.add(
          new FieldError("zone", "`" + text + "` is not a time zone; use one like Europe/Berlin."));
      return ZoneOffset.UTC;
    }
  }

  List<Dimension> by(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    List<Dimension> by = new ArrayList<>();
    for (String part : text.split(",")) {
      String key = part.strip().toLowerCase(Locale.ROOT);
      Optional<Dimension> dimension =
          Arrays.stream(Dimension.values()).filter(d -> d.key().equals(key)).findFirst();
      if (dimension.isEmpty()) {
        errors.add(new FieldError("by", "`" + part + "` is not one of " + dimensions() + "."));
      } else if (by.contains(dimension.get())) {
        errors.add(new FieldError("by", "`" + key + "` is given twice."));
      } else {
        by.add(dimension.get());
      }
    }
    return by;
  }

  /** The window asked for; by default the rolling window up to now. */
  Window window(String from, String to, ZoneId zone) {
    Window fallback = reports.defaultWindow();
    Optional<Instant> start = moment("from", from, zone, false);
    Optional<Instant> end = moment("to", to, zone, true);
    Instant until = end.orElse(fallback.to());
    Instant since = start.orElse(until.minus(Duration.between(fallback.from(), fallback.to())));
    if (since.isAfter(until)) {
      errors.add(new FieldError("to", "ends before `from` (" + since + "); swap them."));
      return fallback;
    }
    return new Window(since, until);
  }

  private Optional<Instant> moment(String name, String text, ZoneId zone, boolean endOfDay) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(TimeInput.instantOrDay(name, text, zone, endOfDay));
    } catch (TimeInput.Invalid e) {
      errors.add(new FieldError(e.field(), e.getMessage()));
      return Optional.empty();
    }
  }

  private static String dimensions() {
    return Arrays.stream(Dimension.values()).map(Dimension::key).collect(Collectors.joining(", "));
  }
}
