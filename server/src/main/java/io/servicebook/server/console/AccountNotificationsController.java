package io.servicebook.server.console;

import io.servicebook.server.notifications.Delivery;
import io.servicebook.server.notifications.NotificationKind;
import io.servicebook.server.notifications.Preferences;
import io.servicebook.server.notifications.WorkingHours;
import java.security.Principal;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /account/notifications}: the signed-in user's address for notification mails, how each
 * kind of notification reaches them, and their working hours. A bad field is named next to it and
 * nothing is saved.
 */
@Controller
class AccountNotificationsController {

  private final Preferences preferences;

  AccountNotificationsController(Preferences preferences) {
    this.preferences = preferences;
  }

  /** What the form shows: the values (as typed, after a refusal) and a message key per field. */
  record Form(
      String email,
      Map<String, String> deliveries,
      String zone,
      String start,
      String end,
      Set<Integer> days,
      boolean hoursOnly,
      String calendar,
      Map<String, String> errors) {}

  @GetMapping("/account/notifications")
  String page(Principal me, Model model) {
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", form(preferences.of(me.getName())));
    }
    model.addAttribute("kinds", List.of(NotificationKind.values()));
    model.addAttribute("deliveries", List.of(Delivery.values()));
    model.addAttribute("weekdays", List.of(DayOfWeek.values()));
    model.addAttribute("calendars", preferences.calendars());
    return "account-notifications";
  }

  @PostMapping("/account/notifications")
  String save(
      @RequestParam MultiValueMap<String, String> params,
      Principal me,
      Model model,
      RedirectAttributes flash) {
    Form typed = typed(params, preferences.calendars());
    if (!typed.errors().isEmpty()) {
      model.addAttribute("form", typed);
      model.addAttribute("refused", true);
      return page(me, model);
    }
    Map<NotificationKind, Delivery> deliveries = new EnumMap<>(NotificationKind.class);
    for (NotificationKind kind : NotificationKind.values()) {
      deliveries.put(kind, Delivery.of(typed.deliveries().get(kind.key())).orElseThrow());
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    typed.days().forEach(d -> days.add(DayOfWeek.of(d)));
    WorkingHours hours =
        new WorkingHours(
            ZoneId.of(typed.zone()),
            LocalTime.parse(typed.start()),
            LocalTime.parse(typed.end()),
            days,
            typed.hoursOnly());
    Optional<String> email =
        typed.email().isBlank() ? Optional.empty() : Optional.of(typed.email());
    Optional<String> calendar =
        typed.calendar().isEmpty() ? Optional.empty() : Optional.of(typed.calendar());
    preferences.save(
        me.getName(), new Preferences.Choices(deliveries, hours, calendar, email), me.getName());
    flash.addFlashAttribute("saved", true);
    return "redirect:/account/notifications";
  }

  private static Form form(Preferences.Choices choices) {
    Map<String, String> deliveries = new LinkedHashMap<>();
    choices.deliveries().forEach((k, d) -> deliveries.put(k.key(), d.key()));
    WorkingHours h = choices.hours();
    Set<Integer> days = new java.util.TreeSet<>();
    h.days().forEach(d -> days.add(d.getValue()));
    return new Form(
        choices.email().orElse(""),
        deliveries,
        h.zone().getId(),
        h.start().toString(),
        h.end().toString(),
        days,
        h.hoursOnly(),
        choices.calendar().orElse(""),
        Map.of());
  }

  /** Reads the form as typed and names every field that is wrong. */
  private static Form typed(MultiValueMap<String, String> params, List<String> calendars) {
    Map<String, String> errors = new LinkedHashMap<>();
    String email = first(params, "email");
    if (!email.isEmpty() && !Preferences.validEmail(email)) {
      errors.put("email", "notifyPrefs.error.email");
    }
    Map<String, String> deliveries = new LinkedHashMap<>();
    boolean mails = false;
    for (NotificationKind kind : NotificationKind.values()) {
      String chosen = first(params, "delivery." + kind.key());
      Optional<Delivery> delivery = Delivery.of(chosen);
      deliveries.put(kind.key(), delivery.map(Delivery::key).orElse(chosen));
      if (delivery.isEmpty()) {
        errors.put("delivery." + kind.key(), "notifyPrefs.error.delivery");
      }
      mails |= delivery.filter(d -> d != Delivery.CONSOLE).isPresent();
    }
    if (mails && email.isEmpty()) {
      errors.put("email", "notifyPrefs.error.emailNeeded");
    }
    String zone = first(params, "zone");
    try {
      ZoneId.of(zone);
    } catch (DateTimeException e) {
      errors.put("zone", "notifyPrefs.error.zone");
    }
    String start = first(params, "start");
    String end = first(params, "end");
    Optional<LocalTime> from = time(start);
    Optional<LocalTime> to = time(end);
    if (from.isEmpty()) {
      errors.put("start", "notifyPrefs.error.time");
    }
    if (to.isEmpty()) {
      errors.put("end", "notifyPrefs.error.time");
    } else if (from.isPresent() && !to.get().isAfter(from.get())) {
      errors.put("end", "notifyPrefs.error.endBeforeStart");
    }
    Set<Integer> days = new java.util.TreeSet<>();
    for (String d : params.getOrDefault("day", List.of())) {
      if (d.matches("[1-7]")) {
        days.add(Integer.parseInt(d));
      }
    }
    boolean hoursOnly = params.containsKey("hoursOnly");
    String calendar = first(params, "calendar");
    if (!calendar.isEmpty() && !calendars.contains(calendar)) {
      errors.put("calendar", "notifyPrefs.error.calendar");
    }
    if (hoursOnly && days.isEmpty() && calendar.isEmpty()) {
      errors.put("days", "notifyPrefs.error.days");
    }
    return new Form(email, deliveries, zone, start, end, days, hoursOnly, calendar, errors);
  }

  private static Optional<LocalTime> time(String text) {
    try {
      return Optional.of(LocalTime.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String first(MultiValueMap<String, String> params, String name) {
    String value = params.getFirst(name);
    return value == null ? "" : value.strip();
  }
}
