package io.servicebook.server.notifications;

import io.servicebook.server.security.UserAccounts;
import java.util.EnumMap;
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

  Preferences(PreferenceRepository repository, UserAccounts accounts) {
    this.repository = repository;
    this.accounts = accounts;
  }

  /** A user's choices: a delivery for every kind, their working hours, and their address. */
  public record Choices(
      Map<NotificationKind, Delivery> deliveries, WorkingHours hours, Optional<String> email) {}

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
    return new Choices(all, hours(username), accounts.email(username));
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
    repository.saveHours(username, choices.hours());
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
}
