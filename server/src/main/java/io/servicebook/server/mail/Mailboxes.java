package io.servicebook.server.mail;

import io.servicebook.server.audit.AuditLog;
import io.servicebook.server.protocols.ProtocolCatalog;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The support mailboxes: added, changed and removed by admins (each change audited), their
 * passwords sealed, and how their fetching goes.
 */
@Service
public class Mailboxes {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final MailboxRepository repository;
  private final MailboxSecrets secrets;
  private final ProtocolCatalog catalog;
  private final AuditLog audit;
  private final Clock clock;

  Mailboxes(
      MailboxRepository repository,
      MailboxSecrets secrets,
      ProtocolCatalog catalog,
      AuditLog audit,
      Clock clock) {
    this.repository = repository;
    this.secrets = secrets;
    this.catalog = catalog;
    this.audit = audit;
    this.clock = clock;
  }

  /** What saving a mailbox came to. */
  sealed interface Saved {
    record Done(Mailbox mailbox) implements Saved {}

    record Invalid(List<MailboxRequest.FieldError> errors) implements Saved {}

    record NotFound(String id) implements Saved {}

    /** Someone else changed the mailbox since it was read. */
    record Conflict(String id) implements Saved {}
  }

  public List<Mailbox> all() {
    return repository.all();
  }

  public Optional<Mailbox> find(String id) {
    return repository.find(id);
  }

  public Optional<Mailbox> byAddress(String address) {
    return repository.byAddress(address);
  }

  /** Reads an admin's body into a request, checking calendars against the protocol pack. */
  MailboxRequest.Result read(Map<String, ?> body) {
    return MailboxRequest.read(body, name -> catalog.calendar(name).isPresent());
  }

  @Transactional
  Saved create(Map<String, ?> body, String actor) {
    return switch (read(body)) {
      case MailboxRequest.Result.Invalid invalid -> new Saved.Invalid(invalid.errors());
      case MailboxRequest.Result.Valid valid -> {
        if (repository.byAddress(valid.request().address()).isPresent()) {
          yield taken(valid.request().address());
        }
        Mailbox mailbox = mailbox(UUID.randomUUID().toString(), valid.request(), 0);
        repository.insert(
            mailbox,
            valid.request().password().map(p -> secrets.seal(mailbox.id(), p)),
            actor,
            clock.instant());
        audited(mailbox, "mailbox.added", actor);
        yield new Saved.Done(repository.find(mailbox.id()).orElseThrow());
      }
    };
  }

  /**
   * Changes a mailbox; an empty password keeps the stored one unless an environment variable now
   * holds it.
   */
  @Transactional
  Saved update(String id, Map<String, ?> body, Optional<Long> expectedVersion, String actor) {
    Optional<Mailbox> found = repository.find(id);
    if (found.isEmpty()) {
      return new Saved.NotFound(id);
    }
    Mailbox before = found.get();
    return switch (read(body)) {
      case MailboxRequest.Result.Invalid invalid -> new Saved.Invalid(invalid.errors());
      case MailboxRequest.Result.Valid valid -> {
        MailboxRequest request = valid.request();
        Optional<Mailbox> other = repository.byAddress(request.address());
        if (other.isPresent() && !other.get().id().equals(id)) {
          yield taken(request.address());
        }
        Optional<String> sealed =
            request.passwordEnv().isPresent()
                ? Optional.empty()
                : request
                    .password()
                    .map(p -> secrets.seal(id, p))
                    .or(() -> repository.sealedPassword(id));
        Mailbox after = mailbox(id, request, before.version());
        if (!repository.update(after, sealed, expectedVersion.orElse(before.version()))) {
          yield new Saved.Conflict(id);
        }
        audited(after, "mailbox.changed", actor);
        yield new Saved.Done(repository.find(id).orElseThrow());
      }
    };
  }

  /** What removing a mailbox came to. */
  enum Removed {
    REMOVED,
    NOT_FOUND,
    /** Mail came or went through it: it stays (disable it instead), so its cases keep it. */
    IN_USE
  }

  @Transactional
  Removed remove(String id, String actor) {
    Optional<Mailbox> found = repository.find(id);
    if (found.isEmpty()) {
      return Removed.NOT_FOUND;
    }
    if (!repository.delete(id)) {
      return Removed.IN_USE;
    }
    audited(found.get(), "mailbox.removed", actor);
    return Removed.REMOVED;
  }

  /** The mailbox's password: from its environment variable, or opened from the database. */
  Optional<String> password(Mailbox mailbox) {
    if (mailbox.password().environmentVariable().isPresent()) {
      return Optional.ofNullable(System.getenv(mailbox.password().environmentVariable().get()));
    }
    return repository.sealedPassword(mailbox.id()).map(s -> secrets.open(mailbox.id(), s));
  }

  private static Saved taken(String address) {
    return new Saved.Invalid(
        List.of(
            new MailboxRequest.FieldError(
                "address", "“" + address + "” is already a mailbox; change that one instead.")));
  }

  private static Mailbox mailbox(String id, MailboxRequest r, long version) {
    return new Mailbox(
        id,
        r.address(),
        r.displayName(),
        r.imap(),
        r.imapFolder(),
        r.smtp(),
        new Mailbox.Password(r.password().isPresent(), r.passwordEnv()),
        r.team(),
        r.language(),
        r.calendar(),
        r.category(),
        r.pollSeconds(),
        r.enabled(),
        new Mailbox.Health(Optional.empty(), 0, Optional.empty(), Optional.empty()),
        version);
  }

  private void audited(Mailbox m, String type, String actor) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("address", m.address());
    details.put("imap", m.imap().host() + ":" + m.imap().port() + " " + m.imap().security().key());
    details.put("smtp", m.smtp().host() + ":" + m.smtp().port() + " " + m.smtp().security().key());
    details.put("password", m.password().describe());
    details.put("enabled", m.enabled());
    audit.append("mailbox", m.id(), type, actor, null, JSON.writeValueAsString(details));
  }
}
