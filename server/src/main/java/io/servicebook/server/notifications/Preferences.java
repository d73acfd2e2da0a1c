package io.servicebook.server.notifications;

import io.servicebook.server.protocols.ProtocolCatalog;
import io.servicebook.server.security.UserAccounts;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What each user wants done with their notifications: per kind, console only, also mailed at once,
 * or a daily digest; their working hours, outside which no mail reaches them if they say so; and
 * the address mails go to.
 */
@Service
public class Preferences {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private final PreferenceRepository repository;
  private final UserAccounts accounts;
  private final ProtocolCatalog catalog;

  Preferences(PreferenceRepository repository, UserAccounts accounts, ProtocolCatalog catalog) {
    this.repository = repository;
    this.accounts = accounts;
    this.catalog = catalog;
  }

  /**
   * A user's choices: a delivery for every kind, their working hours (or the business calendar
   * whose hours they take instead, with {@code hours.hoursOnly()} still theirs), and their address.
   */
  public record Choices(
      Map<NotificationKind, Delivery> deliveries,
      WorkingHours hours,
      Optional<String> calendar,
      Optional<String> email) {}

  /** The business calendars a user may take their working hours from. */
  public List<String> calendars() {
    return catalog.calendarNames();
  }

  /** Whether the text is an address mails can go to (a plain check of its form). */
  public static boolean validEmail(String text) {
    return text.length() <= 320 && EMAIL.matcher(text).matches();
  }

  public Choices of(String username) {
    Map<NotificationKind, Delivery> all = new EnumMap<>(NotificationKind.class);
    Map<NotificationKind, Delivery> chosen = repository.deliveries(username);
    for (NotificationKind kind : NotificationKind.values()) {
      all.put(kind, chosen.getOrDefault(kind, Delivery.CONSOLE));
    }
    return new Choices(
        all, hours(username), repository.calendar(username), accounts.email(username));
  }

  /** Stores the user's choices; the address must pass {@link #validEmail} or be empty. */
  @Transactional
  public void save(String username, Choices choices, String actor) {
    choices
        .email()
        .filter(e -> !validEmail(e))
        .ifPresent(
            e -> {
              throw new IllegalArgumentException(
                  "`" + e + "` is no e-mail address; the caller checks that first (a bug).");
            });
    repository.replaceDeliveries(username, choices.deliveries());
    choices
        .calendar()
        .filter(c -> !calendars().contains(c))
        .ifPresent(
            c -> {
              throw new IllegalArgumentException(
                  "There is no calendar `" + c + "`; the caller checks that first (a bug).");
            });
    repository.saveHours(username, choices.hours(), choices.calendar());
    if (!choices.email().equals(accounts.email(username))) {
      accounts.setEmail(username, choices.email(), actor);
    }
  }

  Delivery delivery(String username, NotificationKind kind) {
    return repository.deliveries(username).getOrDefault(kind, Delivery.CONSOLE);
  }

  WorkingHours hours(String username) {
    return repository.hours(username).orElse(WorkingHours.DEFAULT);
  }

  /** When mail may reach the user: on their calendar's hours if they took one, else their own. */
  MailTimes times(String username) {
    WorkingHours own = hours(username);
    return repository
        .calendar(username)
        .flatMap(catalog::calendar)
        .map(c -> new MailTimes(c, own.hoursOnly()))
        .orElseGet(own::times);
  }
}
