package io.servicebook.server.notifications;

import io.servicebook.server.security.UserAccounts;
import io.servicebook.server.timers.TimerHandler;
import io.servicebook.server.timers.Timers;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Mails notifications as each user chose: at once, held until their next working hour, or in a
 * daily digest at the start of their working day. Held and digest mails are rows in {@code
 * notification_mail} with a durable timer per user and due time, so a restart loses none; the timer
 * sends everything of the user that is due by then.
 */
@Component
class MailDeliveries implements TimerHandler {

  static final String KIND = "staff-mail";

  private final Preferences preferences;
  private final MailRepository repository;
  private final UserAccounts accounts;
  private final StaffMail mail;
  private final ObjectProvider<Timers> timers;
  private final NotificationSettings settings;
  private final Clock clock;

  MailDeliveries(
      Preferences preferences,
      MailRepository repository,
      UserAccounts accounts,
      StaffMail mail,
      ObjectProvider<Timers> timers,
      NotificationSettings settings,
      Clock clock) {
    this.preferences = preferences;
    this.repository = repository;
    this.accounts = accounts;
    this.mail = mail;
    this.timers = timers;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** A notification was left for the user: mail it now, hold it, or keep it for the digest. */
  void notified(long notificationId, String username, String kind, String message, String link) {
    Optional<NotificationKind> known = NotificationKind.of(kind);
    if (known.isEmpty()) {
      return;
    }
    Delivery delivery = preferences.delivery(username, known.get());
    if (delivery == Delivery.CONSOLE) {
      return;
    }
    Optional<String> address = accounts.email(username);
    if (address.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    MailTimes hours = preferences.times(username);
    if (delivery == Delivery.EMAIL && hours.mayMail(now)) {
      mail.send(address.get(), subject(kind), text(message, link));
      return;
    }
    Instant due = delivery == Delivery.EMAIL ? hours.nextMailable(now) : hours.nextStart(now);
    repository.hold(notificationId, username, delivery, due);
    timers.getObject().schedule(KIND, username + ":" + due.getEpochSecond(), due, username);
  }

  /** Sends what the user has waiting and due: held mails one by one, the digest as one mail. */
  @Override
  public void fire(Timers.Due due) {
    String username = due.data();
    Instant now = clock.instant();
    List<MailRepository.Waiting> waiting = repository.due(username, now);
    Optional<String> address = accounts.email(username);
    List<MailRepository.Waiting> digest =
        waiting.stream().filter(w -> w.delivery() == Delivery.DIGEST).toList();
    for (MailRepository.Waiting w : waiting) {
      if (w.delivery() == Delivery.EMAIL) {
        address.ifPresent(to -> mail.send(to, subject(w.kind()), text(w.message(), w.link())));
      }
      repository.markSent(w.id(), now);
    }
    if (!digest.isEmpty() && address.isPresent()) {
      mail.send(address.get(), digestSubject(digest.size()), digestText(digest));
    }
  }

  private static String subject(String kind) {
    return "[Servicebook] " + NotificationTexts.title(kind);
  }

  private static String digestSubject(int count) {
    return "[Servicebook] Your daily digest: " + count + " notification" + (count == 1 ? "" : "s");
  }

  private String text(String message, String link) {
    return message + "\n\n" + settings.url(link) + "\n";
  }

  private String digestText(List<MailRepository.Waiting> digest) {
    StringBuilder text = new StringBuilder("Since your last digest:\n");
    for (MailRepository.Waiting w : digest) {
      text.append("\n- ")
          .append(NotificationTexts.title(w.kind()))
          .append(": ")
          .append(w.message())
          .append("\n  ")
          .append(settings.url(w.link()))
          .append('\n');
    }
    return text.toString();
  }
}
