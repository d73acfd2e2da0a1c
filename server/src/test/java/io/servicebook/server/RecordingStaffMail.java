package io.servicebook.server;

import io.servicebook.server.demo.DemoClock;
import io.servicebook.server.notifications.StaffMail;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Stands in for the mail transport of staff notifications and records what it was asked to send, so
 * that tests see which mails went out, to whom and when.
 */
final class RecordingStaffMail implements StaffMail {

  /** One mail asked for. */
  record Sent(String to, String subject, String text) {}

  private final List<Sent> sent = new CopyOnWriteArrayList<>();

  @Override
  public void send(String to, String subject, String text) {
    sent.add(new Sent(to, subject, text));
  }

  /**
   * Makes this recorder the server's {@link StaffMail} and {@code clock} its clock (the server's
   * properties must allow overriding beans).
   */
  ApplicationContextInitializer<ConfigurableApplicationContext> withClock(SettableClock clock) {
    return context -> {
      GenericApplicationContext generic = (GenericApplicationContext) context;
      generic.registerBean("clock", Clock.class, () -> new DemoClock(clock));
      generic.registerBean("staffMail", StaffMail.class, () -> this);
    };
  }

  /** The mails sent to the address so far, oldest first. */
  List<Sent> to(String address) {
    return sent.stream().filter(s -> s.to().equals(address)).toList();
  }
}
