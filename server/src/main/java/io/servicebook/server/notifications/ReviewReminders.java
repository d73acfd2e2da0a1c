package io.servicebook.server.notifications;

import io.servicebook.server.protocols.ProtocolCatalog;
import io.servicebook.server.protocols.ProtocolPublished;
import io.servicebook.server.protocols.ProtocolReviewed;
import io.servicebook.server.protocols.ProtocolReviews;
import io.servicebook.server.protocols.PublishedProtocol;
import io.servicebook.server.security.Role;
import io.servicebook.server.security.UserAccounts;
import io.servicebook.server.timers.TimerHandler;
import io.servicebook.server.timers.Timers;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Reminds a protocol's owner of its review: two weeks before it is due and when it is due, by two
 * durable timers per published version, keyed by the version. A confirmation ("reviewed, no
 * change") replaces them with timers for the new due date, a new version cancels them; a timer that
 * fires anyway for a replaced version or an earlier due date says nothing. An owner that is no
 * user's name (a team, say) leaves the reminder to the authors.
 */
@Component
class ReviewReminders implements TimerHandler {

  /** The timer when the review is due; also the handler's kind. */
  static final String KIND = "protocol-review";

  /** The timer {@link ProtocolReviews#EARLY} before the review is due. */
  static final String EARLY_KIND = "protocol-review-soon";

  private final Notifications notifications;
  private final ProtocolCatalog catalog;
  private final ProtocolReviews reviews;
  private final UserAccounts accounts;
  private final ObjectProvider<Timers> timers;
  private final Clock clock;

  ReviewReminders(
      Notifications notifications,
      ProtocolCatalog catalog,
      ProtocolReviews reviews,
      UserAccounts accounts,
      ObjectProvider<Timers> timers,
      Clock clock) {
    this.notifications = notifications;
    this.catalog = catalog;
    this.reviews = reviews;
    this.accounts = accounts;
    this.timers = timers;
    this.clock = clock;
  }

  /** Serves the timers two weeks before a review is due. */
  @Component
  static class Early implements TimerHandler {

    private final ReviewReminders reminders;

    Early(ReviewReminders reminders) {
      this.reminders = reminders;
    }

    @Override
    public String kind() {
      return EARLY_KIND;
    }

    @Override
    public void fire(Timers.Due due) {
      reminders.fire(due);
    }
  }

  @Override
  public String kind() {
    return KIND;
  }

  @EventListener
  void on(ProtocolPublished published) {
    if (published.version() > 1) {
      cancel(published.slug(), published.version() - 1);
    }
    published.reviewDue().ifPresent(due -> schedule(published.slug(), published.version(), due));
  }

  @EventListener
  void on(ProtocolReviewed reviewed) {
    cancel(reviewed.slug(), reviewed.version());
    schedule(reviewed.slug(), reviewed.version(), reviewed.reviewDue());
  }

  private void schedule(String slug, int version, Instant due) {
    String id = slug + ":" + version;
    Instant early = due.minus(ProtocolReviews.EARLY);
    if (early.isAfter(clock.instant())) {
      timers.getObject().schedule(EARLY_KIND, id, early, "");
    }
    timers.getObject().schedule(KIND, id, due, "");
  }

  private void cancel(String slug, int version) {
    String id = slug + ":" + version;
    timers.getObject().cancel(EARLY_KIND, id);
    timers.getObject().cancel(KIND, id);
  }

  @Override
  public void fire(Timers.Due due) {
    int colon = due.id().lastIndexOf(':');
    String slug = due.id().substring(0, colon);
    int version = Integer.parseInt(due.id().substring(colon + 1));
    Optional<PublishedProtocol> latest = catalog.latest(slug).filter(p -> p.version() == version);
    if (latest.isEmpty()) {
      return;
    }
    PublishedProtocol protocol = latest.get();
    Optional<Instant> reviewDue = reviews.due(protocol);
    boolean early = due.kind().equals(EARLY_KIND);
    Instant meant = early ? due.dueAt().plus(ProtocolReviews.EARLY) : due.dueAt();
    if (reviewDue.isEmpty() || reviewDue.get().isAfter(meant.plusSeconds(1))) {
      return; // confirmed since: the timers for the new date remind
    }
    Optional<String> owner =
        Optional.ofNullable(protocol.owner()).filter(o -> accounts.find(o).isPresent());
    List<String> told = owner.map(List::of).orElseGet(() -> accounts.withRole(Role.AUTHOR));
    notifications.tellEach(
        told,
        "",
        NotificationKind.REVIEW_DUE,
        null,
        Links.toProtocol(slug),
        "“"
            + protocol.title()
            + "” (version "
            + version
            + (early
                ? ") is due for review in two weeks: confirm it is still right, or publish a"
                    + " new version."
                : ") is due for review: its review_every since publication or the last review"
                    + " has passed."));
  }
}
