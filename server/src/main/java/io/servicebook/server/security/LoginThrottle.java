package io.servicebook.server.security;

import io.servicebook.server.audit.AuditLog;
import io.servicebook.server.security.LoginAttemptRepository.Failures;
import io.servicebook.server.security.Logins.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Counts failed sign-ins per source address and per account and decides who has to wait: growing
 * delays after the free failures, and a temporary lockout of an account (its owner and the admins
 * hear of it). The per-source delay keeps growing while the lockout ends, so one address cannot
 * keep an account locked, and the owner signs in again once the lockout is over.
 */
@Component
class LoginThrottle {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final LoginAttemptRepository repository;
  private final LoginSettings settings;
  private final UserAccounts accounts;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  LoginThrottle(
      LoginAttemptRepository repository,
      LoginSettings settings,
      UserAccounts accounts,
      AuditLog audit,
      ApplicationEventPublisher events,
      Clock clock) {
    this.repository = repository;
    this.settings = settings;
    this.accounts = accounts;
    this.audit = audit;
    this.events = events;
    this.clock = clock;
  }

  /** Why this attempt is refused before its password is checked, if it is. */
  @Transactional(readOnly = true)
  Optional<Outcome> refusal(String username, String source) {
    Instant now = clock.instant();
    Optional<Instant> locked = repository.lockedUntil(username, now);
    if (locked.isPresent()) {
      return Optional.of(new Outcome.Locked(locked.get()));
    }
    Duration sourceWait =
        wait(repository.ofSource(source, now.minus(settings.sourceWindow())), now);
    if (sourceWait.isPositive()) {
      return Optional.of(new Outcome.Throttled(sourceWait));
    }
    Duration accountWait =
        wait(repository.ofAccount(username, now.minus(settings.accountWindow())), now);
    return accountWait.isPositive()
        ? Optional.of(new Outcome.Throttled(accountWait))
        : Optional.empty();
  }

  /**
   * Counts and audits a wrong password or second-factor code ({@code factor}: {@code password} or
   * {@code second-factor}); locks the account when it had too many.
   */
  @Transactional
  Outcome failed(String username, String source, String factor) {
    Instant now = clock.instant();
    repository.forgetOlderThan(now.minus(settings.longestWindow()));
    repository.failed(username, source, now);
    boolean known = accounts.find(username).isPresent();
    Failures failures = repository.ofAccount(username, now.minus(settings.accountWindow()));
    Map<String, Object> details = new LinkedHashMap<>();
    if (!known) {
      details.put("username", username);
    }
    details.put("source", source);
    if (!factor.equals("password")) {
      details.put("factor", factor);
    }
    details.put("failures_in_window", failures.count());
    // a name that is no account gets no chain of its own: its failures go to the source's
    String subjectType = known ? "user" : "login";
    String subjectId = known ? username : source;
    audit.append(subjectType, subjectId, "login.failed", "anonymous", null, json(details));
    if (failures.count() < settings.lockoutFailures()
        || repository.lockedUntil(username, now).isPresent()) {
      return new Outcome.WrongPassword();
    }
    Instant until = now.plus(settings.lockout());
    repository.lock(username, source, now, until);
    details.put("locked_until", until.toString());
    audit.append(subjectType, subjectId, "login.locked", "system", null, json(details));
    if (known) {
      events.publishEvent(new AccountLocked(username, source, now, until, failures.count()));
    }
    return new Outcome.Locked(until);
  }

  /** The owner signed in from this address: its failures there no longer count. */
  @Transactional
  void succeeded(String username, String source) {
    repository.forget(username, source);
  }

  private Duration wait(Failures failures, Instant now) {
    return failures
        .last()
        .map(last -> Duration.between(now, last.plus(settings.delayAfter(failures.count()))))
        .orElse(Duration.ZERO);
  }

  private static String json(Map<String, Object> details) {
    return JSON.writeValueAsString(details);
  }
}
