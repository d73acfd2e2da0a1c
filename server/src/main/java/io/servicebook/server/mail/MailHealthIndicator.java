package io.servicebook.server.mail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code mail} health: UP while every enabled mailbox's latest fetch worked (or none is
 * configured), {@code DEGRADED} while one fails, with each mailbox's last fetch and last error. Not
 * part of readiness: a mail server that is away is for the admins to look into, and the other
 * channels keep working.
 */
@Component
class MailHealthIndicator implements HealthIndicator {

  static final Status DEGRADED =
      new Status("DEGRADED", "A mailbox cannot be fetched: see /admin/mailboxes");

  private final Mailboxes mailboxes;

  MailHealthIndicator(Mailboxes mailboxes) {
    this.mailboxes = mailboxes;
  }

  @Override
  public Health health() {
    List<Mailbox> enabled = mailboxes.all().stream().filter(Mailbox::enabled).toList();
    boolean failing = enabled.stream().anyMatch(m -> m.health().failing());
    Health.Builder health = failing ? Health.status(DEGRADED) : Health.up();
    Map<String, Object> each = new LinkedHashMap<>();
    for (Mailbox m : enabled) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put(
          "status",
          m.health().failing()
              ? "failing"
              : m.health().lastFetchAt().isPresent() ? "ok" : "not fetched yet");
      line.put("last_fetch_at", m.health().lastFetchAt().map(Object::toString).orElse(null));
      line.put("last_error", m.health().lastError().orElse(null));
      line.put("last_error_at", m.health().lastErrorAt().map(Object::toString).orElse(null));
      each.put(m.address(), line);
    }
    return health.withDetail("mailboxes", each).build();
  }
}
