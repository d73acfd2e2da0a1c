package io.servicebook.server.notifications;

import io.servicebook.server.web.Problems;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/notifications}: what the signed-in user and their roles should hear about, unread
 * first; marking one or all read.
 */
@RestController
@RequestMapping("/api/v1/notifications")
class NotificationController {

  private final Notifications notifications;

  NotificationController(Notifications notifications) {
    this.notifications = notifications;
  }

  @GetMapping
  Map<String, Object> mine(Authentication who) {
    return Map.of(
        "items",
        notifications.of(who.getName()).stream().map(NotificationController::view).toList());
  }

  /** Marks every unread notification of the user and their roles read. */
  @PostMapping("/read-all")
  Map<String, Object> readAll(Authentication who) {
    return Map.of("marked_read", notifications.readAll(who.getName()));
  }

  @PostMapping("/{id}/read")
  ResponseEntity<?> read(@PathVariable String id, Authentication who) {
    long number;
    try {
      number = Long.parseLong(id);
    } catch (NumberFormatException e) {
      return notFound(id);
    }
    return notifications
        .read(number, who.getName())
        .<ResponseEntity<?>>map(n -> ResponseEntity.ok(view(n)))
        .orElseGet(() -> notFound(id));
  }

  static Map<String, Object> view(Notifications.Item n) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", n.id());
    view.put("recipient", Map.of("type", n.recipientType(), "name", n.recipient()));
    view.put("case_id", n.caseId().orElse(null));
    view.put("kind", n.kind());
    view.put("text", n.text());
    view.put("link", n.link());
    view.put("created_at", n.createdAt().toString());
    view.put("read_at", n.readAt().map(Object::toString).orElse(null));
    return view;
  }

  /** Someone else's notification is not found either: its existence is not theirs to learn. */
  private static ResponseEntity<?> notFound(String id) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(
            Problems.of(
                HttpStatus.NOT_FOUND,
                "notification-not-found",
                "Notification not found",
                "You have no notification `" + id + "`."));
  }
}
