package io.servicebook.server.notifications;

import io.servicebook.server.protocols.ProtocolCatalog;
import io.servicebook.server.protocols.ProtocolPublished;
import io.servicebook.server.protocols.PublishedProtocol;
import io.servicebook.server.security.Role;
import io.servicebook.server.security.UserAccounts;
import io.servicebook.server.timers.TimerHandler;
import io.servicebook.server.timers.Timers;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Reminds a protocol's owner when its {@code review_every} after publication comes due: a durable
 * timer per published version, scheduled when it is published. A version replaced meanwhile needs
 * no review; an owner that is no user's name (a team, say) leaves the reminder to the authors.
 */
@Component
class ReviewReminders implements TimerHandler {

  static final String KIND = "protocol-review";

  private final Notifications notifications;
  private final ProtocolCatalog catalog;
  private final UserAccounts accounts;
  private final ObjectProvider<Timers> timers;

  ReviewReminders(
      Notifications notifications,
      ProtocolCatalog catalog,
      UserAccounts accounts,
      ObjectProvider<Timers> timers) {
    this.notifications = notifications;
    this.catalog = catalog;
    this.accounts = accounts;
    this.timers = timers;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @EventListener
  void on(ProtocolPublished published) {
    published
        .reviewDue()
        .ifPresent(
            due ->
                timers
                    .getObject()
                    .schedule(KIND, published.slug() + ":" + published.version(), due, ""));
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
            + ") is due for review: its review_every since publication has passed.");
  }
}
