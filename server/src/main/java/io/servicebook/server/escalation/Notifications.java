package io.servicebook.server.escalation;

import io.servicebook.server.escalation.NotificationRepository.Notification;
import io.servicebook.server.security.Role;
import io.servicebook.server.security.UserAccounts;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The notification outbox: who should hear of what happened to a case. A name that is a role's key
 * ({@code supervisor}) reaches everyone of that role; any other name is a username. Nothing is
 * e-mailed yet: people read their notifications over the API.
 */
@Service
class Notifications {

  static final int LIMIT = 200;

  private final NotificationRepository repository;
  private final UserAccounts accounts;
  private final Clock clock;

  Notifications(NotificationRepository repository, UserAccounts accounts, Clock clock) {
    this.repository = repository;
    this.accounts = accounts;
    this.clock = clock;
  }

  /** Leaves a notification for {@code who}, in the caller's transaction. */
  void send(String who, String caseId, String kind, String message) {
    Optional<Role> role = role(who);
    repository.insert(
        role.isPresent() ? NotificationRepository.ROLE : NotificationRepository.USER,
        role.map(Role::key).orElse(who.strip()),
        caseId,
        kind,
        message,
        clock.instant());
  }

  /** The user's own notifications and their roles', unread first. */
  List<Map<String, Object>> of(String username) {
    return repository.of(username, roles(username), LIMIT).stream()
        .map(Notifications::view)
        .toList();
  }

  /** Marks one of the user's notifications read; empty when they have no such notification. */
  @Transactional
  Optional<Map<String, Object>> read(long id, String username) {
    Optional<Notification> mine = repository.find(id).filter(n -> isFor(n, username));
    mine.ifPresent(n -> repository.markRead(id, clock.instant()));
    return mine.flatMap(n -> repository.find(id)).map(Notifications::view);
  }

  private boolean isFor(Notification n, String username) {
    return n.recipientType().equals(NotificationRepository.USER)
        ? n.recipient().equals(username)
        : roles(username).contains(n.recipient());
  }

  private Set<String> roles(String username) {
    return accounts
        .find(username)
        .map(u -> u.roles().stream().map(Role::key).collect(Collectors.toSet()))
        .orElse(Set.of());
  }

  private static Optional<Role> role(String who) {
    String key = who.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(Role.values()).filter(r -> r.key().equals(key)).findFirst();
  }

  private static Map<String, Object> view(Notification n) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", n.id());
    view.put("recipient", Map.of("type", n.recipientType(), "name", n.recipient()));
    view.put("case_id", n.caseId().orElse(null));
    view.put("kind", n.kind());
    view.put("text", n.message());
    view.put("created_at", n.createdAt().toString());
    view.put("read_at", n.readAt().map(Object::toString).orElse(null));
    return view;
  }
}
