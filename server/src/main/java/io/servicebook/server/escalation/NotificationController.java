package io.servicebook.server.escalation;

import io.servicebook.server.web.Problems;
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
 * first; marking one read.
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
    return Map.of("items", notifications.of(who.getName()));
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
        .<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElseGet(() -> notFound(id));
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
