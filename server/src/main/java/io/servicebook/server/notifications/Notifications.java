package io.servicebook.server.notifications;

import io.servicebook.server.notifications.NotificationRepository.Notification;
import io.servicebook.server.security.Role;
import io.servicebook.server.security.UserAccounts;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff notifications: who should hear of what happened, read in the console's bell and over the
 * API, and mailed as each user prefers. A name that is a role's key ({@code supervisor}) reaches
 * everyone of that role as one shared item; any other name is a username. Everything is written in
 * the caller's transaction, so a notification exists exactly when what it tells of happened.
 */
@Service
public class Notifications {

  static final int LIMIT = 200;

  /** The bell counts unread notifications up to here and shows more as "99+". */
  static final int UNREAD_CAP = 100;

  private final NotificationRepository repository;
  private final MailDeliveries mails;
  private final UserAccounts accounts;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  Notifications(
      NotificationRepository repository,
      MailDeliveries mails,
      UserAccounts accounts,
      ApplicationEventPublisher events,
      Clock clock) {
    this.repository = repository;
    this.mails = mails;
    this.accounts = accounts;
    this.events = events;
    this.clock = clock;
  }

  /** A notification as the bell and the API show it. */
  public record Item(
      long id,
      String recipientType,
      String recipient,
      Optional<String> caseId,
      String kind,
      String text,
      String link,
      Instant createdAt,
      Optional<Instant> readAt) {

    public boolean unread() {
      return readAt.isEmpty();
    }
  }

  /**
   * What the bell shows without opening: how many are unread (up to 100), and a mark that changes
   * with any arrival or reading.
   */
  public record Standing(long newest, int unread) {

    /** The count as the badge shows it. */
    public String shown() {
      return unread >= UNREAD_CAP ? (UNREAD_CAP - 1) + "+" : String.valueOf(unread);
    }

    /** Changes whenever a notification arrives or is read: the bell redraws only then. */
    public String mark() {
      return newest + "-" + unread;
    }
  }

  /** Leaves a notification for {@code who} (a role's key or a username) about a case. */
  public void send(String who, String caseId, String kind, String message) {
    Optional<Role> role = role(who);
    if (role.isPresent()) {
      long id =
          repository.insert(
              NotificationRepository.ROLE,
              role.get().key(),
              caseId,
              kind,
              message,
              null,
              clock.instant());
      events.publishEvent(new NotificationAdded(id, NotificationRepository.ROLE, role.get().key()));
      accounts
          .withRole(role.get())
          .forEach(u -> mails.notified(id, u, kind, message, Links.of(null, caseId)));
    } else {
      tell(who.strip(), kind, caseId, Links.of(null, caseId), message);
    }
  }

  /** Tells one user, linking to the page the notification is about. */
  public void tell(
      String username, NotificationKind kind, String caseId, String link, String message) {
    tell(username, kind.key(), caseId, link, message);
  }

  /** Tells each of the users once, skipping {@code actor}: nobody is told what they did. */
  public void tellEach(
      Collection<String> usernames,
      String actor,
      NotificationKind kind,
      String caseId,
      String link,
      String message) {
    new LinkedHashSet<>(usernames)
        .stream()
            .filter(u -> !u.equals(actor))
            .forEach(u -> tell(u, kind.key(), caseId, link, message));
  }

  private void tell(String username, String kind, String caseId, String link, String message) {
    long id =
        repository.insert(
            NotificationRepository.USER, username, caseId, kind, message, link, clock.instant());
    events.publishEvent(new NotificationAdded(id, NotificationRepository.USER, username));
    mails.notified(id, username, kind, message, link);
  }

  /** The user's own notifications and their roles', unread first. */
  public List<Item> of(String username) {
    return repository.of(username, roles(username), LIMIT).stream()
        .map(Notifications::item)
        .toList();
  }

  /** The user's and their roles' newest notifications, read or not. */
  public List<Item> newest(String username, int limit) {
    return repository.newest(username, roles(username), limit).stream()
        .map(Notifications::item)
        .toList();
  }

  /** The bell's one cheap look: how many are unread and whether anything changed. */
  public Standing standing(String username) {
    NotificationRepository.Standing s = repository.standing(username, roles(username), UNREAD_CAP);
    return new Standing(s.newest(), s.unread());
  }

  /**
   * The live topics on which the user's consoles hear that a notification arrived for them or one
   * of their roles (see {@link #isLiveEvent}).
   */
  public List<String> liveTopics(String username) {
    return NotificationsLive.topics(username, roles(username));
  }

  /**
   * Whether an event heard on a live stream says a notification arrived (not that a case changed).
   */
  public static boolean isLiveEvent(String json) {
    return json.startsWith(NotificationsLive.PREFIX);
  }

  /** Marks one of the user's notifications read; empty when they have no such notification. */
  @Transactional
  public Optional<Item> read(long id, String username) {
    Optional<Notification> mine = repository.find(id).filter(n -> isFor(n, username));
    mine.ifPresent(n -> repository.markRead(id, clock.instant()));
    return mine.flatMap(n -> repository.find(id)).map(Notifications::item);
  }

  /** Marks all of the user's unread notifications read; how many there were. */
  @Transactional
  public int readAll(String username) {
    return repository.markAllRead(username, roles(username), clock.instant());
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

  private static Item item(Notification n) {
    return new Item(
        n.id(),
        n.recipientType(),
        n.recipient(),
        n.caseId(),
        n.kind(),
        n.message(),
        Links.of(n.link().orElse(null), n.caseId().orElse(null)),
        n.createdAt(),
        n.readAt());
  }
}
