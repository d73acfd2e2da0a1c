package io.servicebook.server.chat;

import io.servicebook.calendar.BusinessCalendar;
import io.servicebook.calendar.BusinessClock;
import io.servicebook.protocol.Priority;
import io.servicebook.protocol.Protocol;
import io.servicebook.protocol.Sla;
import io.servicebook.server.protocols.ProtocolCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Whether someone can answer a chat now: the protocol's calendar is open and an agent is online (an
 * agent's console had its live stream open within {@link ChatSettings#onlineWindow()}, on any
 * node). When not, when the company promises to answer: the first-response target counted on the
 * calendar from now (the next opening when the protocol promises no first response).
 */
@Component
class ChatAvailability {

  private static final BusinessCalendar AROUND_THE_CLOCK = BusinessCalendar.aroundTheClock();

  private final ProtocolCatalog catalog;
  private final ChatRepository repository;
  private final ChatSettings settings;
  private final Clock clock;

  ChatAvailability(
      ProtocolCatalog catalog, ChatRepository repository, ChatSettings settings, Clock clock) {
    this.catalog = catalog;
    this.repository = repository;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Whether someone answers now, and otherwise by when, in the calendar's time zone.
   *
   * @param answerBy empty when online, or when the calendar never opens
   */
  record Availability(boolean online, Optional<Instant> answerBy, ZoneId zone) {}

  Availability of(Optional<Protocol> protocol) {
    Instant now = clock.instant();
    Optional<Sla> sla = protocol.flatMap(Protocol::sla);
    BusinessCalendar calendar =
        sla.flatMap(Sla::calendar).flatMap(catalog::calendar).orElse(AROUND_THE_CLOCK);
    BusinessClock business = BusinessClock.of(calendar);
    boolean agents = repository.onlineSince(now.minus(settings.onlineWindow())) > 0;
    if (business.isOpenAt(now) && agents) {
      return new Availability(true, Optional.empty(), calendar.zone());
    }
    Duration target =
        sla.flatMap(s -> s.targetsFor(Priority.NORMAL).firstResponse()).orElse(Duration.ZERO);
    // a zero target still waits for the next opening: one minute in, less that minute
    Optional<Instant> by =
        target.isZero()
            ? business
                .deadline(now, Duration.ofMinutes(1), List.of())
                .map(t -> t.minus(Duration.ofMinutes(1)))
            : business.deadline(now, target, List.of());
    return new Availability(false, by, calendar.zone());
  }

  /** Notes that the agent's console is open now. */
  void seen(String username) {
    try {
      repository.seen(username, clock.instant());
    } catch (DataIntegrityViolationException sameMomentOnAnotherNode) {
      // the agent's other page noted them at the same moment: they are online either way
    }
  }
}
