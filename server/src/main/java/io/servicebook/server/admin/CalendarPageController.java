package io.servicebook.server.admin;

import io.servicebook.calendar.BusinessCalendar;
import io.servicebook.diagnostics.Diagnostic;
import io.servicebook.protocol.Sla;
import io.servicebook.server.protocols.ProtocolCatalog;
import io.servicebook.server.protocols.PublishedProtocol;
import io.servicebook.server.web.ConsolePage;
import java.security.Principal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * {@code /admin/calendars}, for admins: the pack's business calendars with the protocols that count
 * on each; one calendar as a week grid of its opening hours with its holidays; and its YAML edited
 * and read by the same reader as a pack import, so a mistake is shown with its line and column and
 * nothing is stored. Saving is audited ({@code calendar.updated}).
 */
@Controller
@ConsolePage
@PreAuthorize("hasRole('ADMIN')")
class CalendarPageController {

  private final ProtocolCatalog catalog;
  private final Clock clock;

  CalendarPageController(ProtocolCatalog catalog, Clock clock) {
    this.catalog = catalog;
    this.clock = clock;
  }

  /** A calendar as the list shows it. */
  record Row(BusinessCalendar calendar, List<String> protocols) {}

  /** A weekday's opening hours: its intervals and, per hour of the day, how much of it is open. */
  record Day(DayOfWeek day, List<BusinessCalendar.Interval> intervals, List<String> hours) {}

  @GetMapping("/admin/calendars")
  String list(Model model) {
    Map<String, List<String>> users = protocolsByCalendar();
    model.addAttribute(
        "calendars",
        catalog.calendarNames().stream()
            .flatMap(name -> catalog.calendar(name).stream())
            .map(c -> new Row(c, users.getOrDefault(c.name(), List.of())))
            .toList());
    return "admin-calendars";
  }

  @GetMapping("/admin/calendars/{name}")
  String view(@PathVariable String name, Model model) {
    ProtocolCatalog.CalendarSource stored =
        catalog
            .calendarSource(name)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    BusinessCalendar calendar =
        catalog
            .calendar(name)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "stored calendar " + name + " no longer reads (a bug)"));
    model.addAttribute("calendar", calendar);
    model.addAttribute("file", java.nio.file.Path.of(stored.file()).getFileName().toString());
    model.addAttribute("week", week(calendar));
    LocalDate today = LocalDate.now(clock.withZone(calendar.zone()));
    model.addAttribute("today", today);
    model.addAttribute("upcoming", calendar.holidays().tailSet(today));
    model.addAttribute("past", calendar.holidays().headSet(today));
    model.addAttribute("protocols", protocolsByCalendar().getOrDefault(name, List.of()));
    if (!model.containsAttribute("source")) {
      model.addAttribute("source", stored.source());
      model.addAttribute("errors", List.<Diagnostic>of());
    }
    return "admin-calendar";
  }

  @PostMapping("/admin/calendars/{name}")
  String save(
      @PathVariable String name,
      @RequestParam(defaultValue = "") String source,
      Principal who,
      Model model,
      RedirectAttributes redirect) {
    String back = "redirect:/admin/calendars/" + UriUtils.encodePathSegment(name, "UTF-8");
    return switch (catalog.saveCalendar(name, source.replace("\r\n", "\n"), who.getName())) {
      case ProtocolCatalog.CalendarSaved.Saved saved -> {
        redirect.addFlashAttribute("notice", "calendars.saved");
        yield back;
      }
      case ProtocolCatalog.CalendarSaved.Unchanged unchanged -> {
        redirect.addFlashAttribute("notice", "calendars.unchanged");
        yield back;
      }
      case ProtocolCatalog.CalendarSaved.NotFound missing ->
          throw new ResponseStatusException(HttpStatus.NOT_FOUND);
      case ProtocolCatalog.CalendarSaved.Invalid invalid -> {
        model.addAttribute("source", source);
        model.addAttribute("errors", invalid.errors());
        yield view(name, model);
      }
    };
  }

  /** The calendars the latest version of each protocol counts its SLA on, with their slugs. */
  private Map<String, List<String>> protocolsByCalendar() {
    Map<String, List<String>> users = new TreeMap<>();
    for (PublishedProtocol p : catalog.latestOfEach()) {
      catalog
          .model(p)
          .sla()
          .flatMap(Sla::calendar)
          .ifPresent(c -> users.computeIfAbsent(c, k -> new ArrayList<>()).add(p.slug()));
    }
    return users;
  }

  private static List<Day> week(BusinessCalendar calendar) {
    List<Day> days = new ArrayList<>();
    for (DayOfWeek day : DayOfWeek.values()) {
      List<BusinessCalendar.Interval> intervals = calendar.hours().get(day);
      List<String> hours = new ArrayList<>();
      for (int hour = 0; hour < 24; hour++) {
        int open = openMinutes(intervals, hour * 60, hour * 60 + 60);
        hours.add(open == 60 ? "open" : open > 0 ? "part" : "closed");
      }
      days.add(new Day(day, intervals, hours));
    }
    return days;
  }

  private static int openMinutes(List<BusinessCalendar.Interval> intervals, int from, int to) {
    int open = 0;
    for (BusinessCalendar.Interval i : intervals) {
      open += Math.max(0, Math.min(to, i.endMinute()) - Math.max(from, i.startMinute()));
    }
    return open;
  }
}
