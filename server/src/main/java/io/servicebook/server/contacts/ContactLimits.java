package io.servicebook.server.contacts;

import io.servicebook.server.audit.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How many cases the contact form opens for one address and for one network address within a
 * window: {@code servicebook.contact.per-address} and {@code servicebook.contact.per-ip} (5 each
 * unless set) per {@code servicebook.contact.window} (an ISO-8601 duration, {@code PT1H} unless
 * set). The count is a brake on abuse, not an exact quota: two forms sent at the same instant may
 * both pass the last free place.
 */
@Component
class ContactLimits {

  /** Which limit a submission reached, if any. */
  enum Reached {
    NONE,
    ADDRESS,
    IP
  }

  private final ContactSubmissionRepository submissions;
  private final Clock clock;
  private final int perAddress;
  private final int perIp;
  private final Duration window;

  ContactLimits(
      ContactSubmissionRepository submissions,
      Clock clock,
      @Value("${servicebook.contact.per-address:5}") int perAddress,
      @Value("${servicebook.contact.per-ip:5}") int perIp,
      @Value("${servicebook.contact.window:PT1H}") Duration window) {
    if (perAddress < 1 || perIp < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException(
          "servicebook.contact.per-address and per-ip must be at least 1 and"
              + " servicebook.contact.window a positive duration such as PT1H; they are "
              + perAddress
              + ", "
              + perIp
              + " and "
              + window
              + ".");
    }
    this.submissions = submissions;
    this.clock = clock;
    this.perAddress = perAddress;
    this.perIp = perIp;
    this.window = window;
  }

  Reached check(String email, String ip) {
    Instant since = clock.instant().minus(window);
    if (submissions.count(ContactSubmissionRepository.CountedBy.ADDRESS, hash(email), since)
        >= perAddress) {
      return Reached.ADDRESS;
    }
    if (submissions.count(ContactSubmissionRepository.CountedBy.IP, hash(ip), since) >= perIp) {
      return Reached.IP;
    }
    return Reached.NONE;
  }

  /** Counts a case the form opened, and forgets those older than the window. */
  void count(String email, String ip, String caseId) {
    Instant now = clock.instant();
    submissions.insert(hash(email), hash(ip), caseId, now);
    submissions.deleteBefore(now.minus(window));
  }

  /** The window in whole minutes, as the page tells it. */
  long windowMinutes() {
    return window.toMinutes();
  }

  private static String hash(String value) {
    return AuditLog.sha256(value.strip().toLowerCase(Locale.ROOT));
  }
}
