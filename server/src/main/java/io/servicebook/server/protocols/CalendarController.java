package io.servicebook.server.protocols;

import io.servicebook.calendar.BusinessCalendar;
import io.servicebook.calendar.BusinessClock;
import io.servicebook.server.web.Problems;
import io.servicebook.server.web.TimeInput;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pack's business calendars: their opening hours and holidays, and "when is this due?" — the
 * deadline of a target in business time from a start, by the same code the SLA clocks use.
 */
@RestController
@RequestMapping("/api/v1/calendars")
class CalendarController {

  private final ProtocolCatalog catalog;

  CalendarController(ProtocolCatalog catalog) {
    this.catalog = catalog;
  }

  @GetMapping
  ResponseEntity<?> list() {
    return ResponseEntity.ok(
        Map.of(
            "items",
            catalog.calendarNames().stream()
                .flatMap(name -> catalog.calendar(name).stream())
                .map(CalendarController::summary)
                .toList()));
  }

  @GetMapping("/{name}")
  ResponseEntity<?> get(@PathVariable String name) {
    return catalog
        .calendar(name)
        .<ResponseEntity<?>>map(c -> ResponseEntity.ok(full(c)))
        .orElseGet(() -> notFound(name));
  }

  /** {@code ?start=2026-03-27T09:00:00Z&target=PT8H}: when the target falls due. */
  @GetMapping("/{name}/deadline")
  ResponseEntity<?> deadline(
      @PathVariable String name,
      @RequestParam Optional<String> start,
      @RequestParam Optional<String> target) {
    Optional<BusinessCalendar> calendar = catalog.calendar(name);
    if (calendar.isEmpty()) {
      return notFound(name);
    }
    List<Map<String, String>> errors = new ArrayList<>();
    Instant from = null;
    Duration goal = null;
    try {
      from = TimeInput.instant("start", start.orElseThrow(() -> missing("start")));
    } catch (TimeInput.Invalid e) {
      errors.add(Map.of("field", e.field(), "message", e.getMessage()));
    }
    try {
      goal = TimeInput.duration("target", target.orElseThrow(() -> missing("target")), false);
    } catch (TimeInput.Invalid e) {
      errors.add(Map.of("field", e.field(), "message", e.getMessage()));
    }
    if (!errors.isEmpty()) {
      ProblemDetail problem =
          Problems.of(
              HttpStatus.BAD_REQUEST,
              "invalid-deadline-query",
              "The deadline query is not valid",
              errors.size() + " parameter(s) need fixing.");
      problem.setProperty("errors", errors);
      return ResponseEntity.badRequest().body(problem);
    }
    Optional<Instant> due = BusinessClock.of(calendar.get()).deadline(from, goal, List.of());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("calendar", name);
    body.put("start", from.toString());
    body.put("target", goal.toString());
    body.put("due_at", due.map(Instant::toString).orElse(null));
    return ResponseEntity.ok(body);
  }

  private static TimeInput.Invalid missing(String field) {
    return new TimeInput.Invalid(
        field,
        "is required: "
            + (field.equals("start")
                ? "an ISO-8601 instant like 2026-03-27T09:00:00Z."
                : "a positive ISO-8601 duration like PT8H."));
  }

  private static Map<String, Object> summary(BusinessCalendar c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", c.name());
    m.put("zone", c.zone().getId());
    m.put("weekly_hours", c.weeklyMinutes() / 60.0);
    m.put("always_open", c.isAlwaysOpen());
    return m;
  }

  private static Map<String, Object> full(BusinessCalendar c) {
    Map<String, Object> m = summary(c);
    Map<String, List<String>> hours = new LinkedHashMap<>();
    for (DayOfWeek day : DayOfWeek.values()) {
      hours.put(
          day.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT),
          c.hours().getOrDefault(day, List.of()).stream()
              .map(BusinessCalendar.Interval::toString)
              .toList());
    }
    m.put("hours", hours);
    m.put("holidays", c.holidays().stream().map(Object::toString).toList());
    return m;
  }

  private static ResponseEntity<?> notFound(String name) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(
            Problems.of(
                HttpStatus.NOT_FOUND,
                "calendar-not-found",
                "Calendar not found",
                "The pack has no calendar `" + name + "`."));
  }
}
