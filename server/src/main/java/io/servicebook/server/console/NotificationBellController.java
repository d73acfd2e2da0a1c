package io.servicebook.server.console;

import io.servicebook.server.notifications.NotificationKind;
import io.servicebook.server.notifications.NotificationSettings;
import io.servicebook.server.notifications.Notifications;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;

/**
 * The bell in the console's header: {@code /notifications/bell} is the fragment it polls (nothing,
 * 204, when nothing changed since the mark it sends; else the badge and the list), and the user
 * opens a notification (which marks it read) or marks one or all read.
 */
@Controller
class NotificationBellController {

  /** How many notifications the bell lists, newest first. */
  static final int SHOWN = 20;

  private final Notifications notifications;
  private final NotificationSettings settings;

  NotificationBellController(Notifications notifications, NotificationSettings settings) {
    this.notifications = notifications;
    this.settings = settings;
  }

  /** A notification as the bell lists it. */
  record Row(
      long id,
      String kindKey,
      String text,
      boolean unread,
      String createdIso,
      String createdText) {}

  /** Nothing to draw: htmx leaves the bell as it is on a 204. */
  private static final View UNCHANGED = (model, request, response) -> response.setStatus(204);

  @GetMapping("/notifications/bell")
  ModelAndView bell(@RequestParam(defaultValue = "") String seen, Principal me, Model model) {
    Notifications.Standing standing = notifications.standing(me.getName());
    if (standing.mark().equals(seen)) {
      return new ModelAndView(UNCHANGED);
    }
    return new ModelAndView(fragment(me, standing, model, "update"), model.asMap());
  }

  /** Opens what the notification is about, marking it read; not the user's is not found. */
  @GetMapping("/notifications/{id}")
  String open(@PathVariable long id, Principal me) {
    return notifications
        .read(id, me.getName())
        .map(n -> "redirect:" + n.link())
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }

  @PostMapping("/notifications/{id}/read")
  String read(
      @PathVariable long id,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      Principal me,
      Model model) {
    notifications.read(id, me.getName());
    return htmx == null
        ? "redirect:/"
        : fragment(me, notifications.standing(me.getName()), model, "changed");
  }

  @PostMapping("/notifications/read-all")
  String readAll(
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      Principal me,
      Model model) {
    notifications.readAll(me.getName());
    return htmx == null
        ? "redirect:/"
        : fragment(me, notifications.standing(me.getName()), model, "changed");
  }

  /**
   * {@code update} for the poll (the badge, the list out of band), {@code changed} after a post.
   */
  private String fragment(
      Principal me, Notifications.Standing standing, Model model, String which) {
    model.addAttribute("standing", standing);
    model.addAttribute("poll", settings.pollSeconds());
    model.addAttribute("items", rows(notifications.newest(me.getName(), SHOWN)));
    return "notifications-bell :: " + which;
  }

  private static List<Row> rows(List<Notifications.Item> items) {
    return items.stream()
        .map(
            n ->
                new Row(
                    n.id(),
                    "bell.kind."
                        + NotificationKind.of(n.kind()).map(NotificationKind::key).orElse("other"),
                    n.text(),
                    n.unread(),
                    n.createdAt().toString(),
                    Times.utc(n.createdAt())))
        .toList();
  }
}
