package io.servicebook.server.mail;

import io.servicebook.server.audit.AuditLog;
import io.servicebook.server.mail.MailReader.Reading;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The mails that could not be read, kept whole for admins: listed, downloaded as they came, and
 * processed again — as they are (after the server was fixed) or as an admin corrected them.
 */
@Service
class Quarantine {

  private final QuarantineRepository repository;
  private final MailboxRepository mailboxes;
  private final MailIntake intake;
  private final AuditLog audit;
  private final Clock clock;

  Quarantine(
      QuarantineRepository repository,
      MailboxRepository mailboxes,
      MailIntake intake,
      AuditLog audit,
      Clock clock) {
    this.repository = repository;
    this.mailboxes = mailboxes;
    this.intake = intake;
    this.audit = audit;
    this.clock = clock;
  }

  /** A mail in the quarantine: the mailbox it came to, why it is held, and its size. */
  record Held(
      String id,
      String mailbox,
      String mailboxId,
      Optional<String> messageId,
      String reason,
      long bytes,
      Instant heldAt) {}

  /** What processing a held mail again came to. */
  sealed interface Reprocessed {
    record NotFound() implements Reprocessed {}

    record StillUnreadable(String reason) implements Reprocessed {}

    /** It reads now: into a case, or settled otherwise ({@code outcome} says how). */
    record TakenIn(String outcome, Optional<String> caseId) implements Reprocessed {}
  }

  List<Held> held() {
    return repository.held();
  }

  Optional<Held> find(String id) {
    return repository.find(id);
  }

  /** The mail's bytes as they came (also after it was released), for an admin to look at. */
  Optional<byte[]> raw(String id) {
    return repository.raw(id);
  }

  /** Reads the held mail again as it came. */
  Reprocessed reprocess(String id, String actor) {
    return reprocess(id, Optional.empty(), actor);
  }

  /** Reads the held mail again, or the corrected copy an admin gives instead of it. */
  Reprocessed reprocess(String id, Optional<byte[]> corrected, String actor) {
    Optional<Held> held = repository.find(id);
    if (held.isEmpty()) {
      return new Reprocessed.NotFound();
    }
    Mailbox mailbox = mailboxes.find(held.get().mailboxId()).orElseThrow();
    byte[] raw = corrected.orElseGet(() -> repository.raw(id).orElseThrow());
    Reading reading = intake.read(raw);
    if (reading instanceof Reading.Unreadable unreadable) {
      repository.reason(id, unreadable.reason());
      return new Reprocessed.StillUnreadable(unreadable.reason());
    }
    Reprocessed outcome =
        switch (intake.take(mailbox, reading)) {
          case MailIntake.Taken.IntoCase c ->
              new Reprocessed.TakenIn(c.outcome().name().toLowerCase(), Optional.of(c.caseId()));
          case MailIntake.Taken.Ignored i -> new Reprocessed.TakenIn("ignored", Optional.empty());
          case MailIntake.Taken.Bounced b -> new Reprocessed.TakenIn("bounce", Optional.empty());
          case MailIntake.Taken.Quarantined q ->
              throw new IllegalStateException("a mail that reads was quarantined: a bug");
        };
    Optional<String> caseId = ((Reprocessed.TakenIn) outcome).caseId();
    repository.released(id, caseId, clock.instant());
    audit.append(
        "mailbox",
        mailbox.id(),
        "mail.quarantine_released",
        actor,
        corrected.isPresent() ? "processed as corrected by an admin" : "processed again",
        "{\"quarantined\":\""
            + id
            + "\",\"case\":"
            + caseId.map(c -> "\"" + c + "\"").orElse("null")
            + "}");
    return outcome;
  }
}
