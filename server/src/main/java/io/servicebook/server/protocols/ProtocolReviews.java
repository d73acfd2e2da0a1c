package io.servicebook.server.protocols;

import io.servicebook.protocol.IsoDuration;
import io.servicebook.server.audit.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * When a protocol's review is due, and "reviewed, no change": its owner, a reviewer or an admin
 * confirms that the published version is still right, and the review clock starts again. The clock
 * runs from the latest confirmation of the version or its publication, whichever is later.
 */
@Service
public class ProtocolReviews {

  /** How long before the due date the first reminder comes, and what the list's filter counts. */
  public static final Duration EARLY = Duration.ofDays(14);

  /** The longest note a confirmation keeps. */
  public static final int NOTE_LIMIT = 2000;

  private final ProtocolCatalog catalog;
  private final ReviewRepository repository;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  ProtocolReviews(
      ProtocolCatalog catalog,
      ReviewRepository repository,
      AuditLog audit,
      ApplicationEventPublisher events,
      Clock clock) {
    this.catalog = catalog;
    this.repository = repository;
    this.audit = audit;
    this.events = events;
    this.clock = clock;
  }

  /** What confirming a protocol's review got. */
  public sealed interface Confirming {
    /** Recorded; the review is next due at {@code reviewDue}. */
    record Confirmed(ProtocolReview review, Instant reviewDue) implements Confirming {}

    /** There is no published protocol of this name. */
    record NotFound() implements Confirming {}

    /** The protocol has no {@code review_every}, so there is no review to confirm. */
    record NoReviewInterval(PublishedProtocol protocol) implements Confirming {}

    /** Only the owner, a reviewer or an admin may confirm; {@code owner} may be empty. */
    record NotAllowed(Optional<String> owner) implements Confirming {}
  }

  /**
   * Records that {@code actor} reviewed the latest version of {@code slug} and found it still
   * right; {@code reviewer} says whether the actor is a reviewer or an admin (the owner may
   * always). The confirmation is audited as {@code protocol.reviewed} and moves the reminders.
   */
  @Transactional
  public Confirming confirm(String slug, String actor, boolean reviewer, Optional<String> note) {
    Optional<PublishedProtocol> found = catalog.latest(slug);
    if (found.isEmpty()) {
      return new Confirming.NotFound();
    }
    PublishedProtocol protocol = found.get();
    if (!reviewer && !actor.equals(protocol.owner())) {
      return new Confirming.NotAllowed(Optional.ofNullable(protocol.owner()));
    }
    Optional<IsoDuration> every = catalog.model(protocol).reviewEvery();
    if (every.isEmpty()) {
      return new Confirming.NoReviewInterval(protocol);
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Optional<String> kept = note.map(String::strip).filter(n -> !n.isEmpty());
    long id = repository.insert(slug, protocol.version(), actor, now, kept.orElse(null));
    Instant due = plus(now, every.get());
    audit.append(
        "protocol",
        slug,
        "protocol.reviewed",
        actor,
        kept.orElse("reviewed, no change"),
        "{\"version\":" + protocol.version() + ",\"review_due\":\"" + due + "\"}");
    events.publishEvent(new ProtocolReviewed(slug, protocol.version(), due));
    return new Confirming.Confirmed(
        new ProtocolReview(id, slug, protocol.version(), actor, now, kept), due);
  }

  /** The protocol's confirmations, newest first; empty when there is no such protocol. */
  public Optional<List<ProtocolReview>> of(String slug) {
    if (catalog.latest(slug).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(repository.of(slug));
  }

  /** The latest confirmation of the protocol, of whichever version. */
  public Optional<ProtocolReview> latest(String slug) {
    return repository.latest(slug);
  }

  /** The latest confirmation of each protocol that has one, by slug. */
  public Map<String, ProtocolReview> latestOfEach() {
    return repository.latestOfEach().stream()
        .collect(Collectors.toMap(ProtocolReview::slug, Function.identity()));
  }

  /**
   * Whether the signed-in user is a reviewer or an admin, who may confirm any protocol's review.
   */
  public static boolean confirmsAny(Authentication who) {
    return who.getAuthorities().stream()
        .anyMatch(
            a -> a.getAuthority().equals("ROLE_ADMIN") || a.getAuthority().equals("ROLE_REVIEWER"));
  }

  /** When the version's review is due; empty without {@code review_every}. */
  public Optional<Instant> due(PublishedProtocol version) {
    return due(version, latest(version.slug()));
  }

  /** As {@link #due(PublishedProtocol)}, with the protocol's latest confirmation already read. */
  public Optional<Instant> due(PublishedProtocol version, Optional<ProtocolReview> latest) {
    Instant start =
        latest
            .filter(r -> r.version() == version.version())
            .map(ProtocolReview::reviewedAt)
            .filter(at -> at.isAfter(version.publishedAt()))
            .orElse(version.publishedAt());
    return catalog.model(version).reviewEvery().map(every -> plus(start, every));
  }

  /** Whether a review due at {@code due} is overdue or due within {@link #EARLY} of {@code now}. */
  public static boolean dueSoon(Instant due, Instant now) {
    return !due.isAfter(now.plus(EARLY));
  }

  /** {@code review_every} after {@code start}, in UTC calendar terms. */
  static Instant plus(Instant start, IsoDuration every) {
    return start.atZone(ZoneOffset.UTC).plus(every.period()).plus(every.time()).toInstant();
  }
}
