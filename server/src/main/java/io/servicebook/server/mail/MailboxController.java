package io.servicebook.server.mail;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/mailboxes}, for admins: the support mailboxes (never their passwords), their
 * health, fetching one now, and the quarantine of mail that could not be read.
 */
@RestController
@RequestMapping("/api/v1/mailboxes")
@PreAuthorize("hasRole('ADMIN')")
class MailboxController {

  private final Mailboxes mailboxes;
  private final MailFetching fetching;
  private final Quarantine quarantine;

  MailboxController(Mailboxes mailboxes, MailFetching fetching, Quarantine quarantine) {
    this.mailboxes = mailboxes;
    this.fetching = fetching;
    this.quarantine = quarantine;
  }

  @GetMapping
  Map<String, Object> list() {
    return Map.of("items", mailboxes.all().stream().map(MailboxController::view).toList());
  }

  @GetMapping("/{id}")
  Map<String, Object> get(@PathVariable String id) {
    return view(mailboxes.find(id).orElseThrow(() -> MailProblem.notFound("mailbox", id)));
  }

  @PostMapping
  ResponseEntity<Map<String, Object>> create(
      @RequestBody Map<String, Object> body, Authentication who) {
    Mailbox saved = done(mailboxes.create(body, who.getName()));
    return ResponseEntity.status(HttpStatus.CREATED).body(view(saved));
  }

  /** Changes a mailbox; {@code version} in the body, when sent, must be the one read. */
  @PutMapping("/{id}")
  Map<String, Object> update(
      @PathVariable String id, @RequestBody Map<String, Object> body, Authentication who) {
    Optional<Long> version =
        body.get("version") instanceof Number n ? Optional.of(n.longValue()) : Optional.empty();
    return view(done(mailboxes.update(id, body, version, who.getName())));
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable String id, Authentication who) {
    return switch (mailboxes.remove(id, who.getName())) {
      case REMOVED -> ResponseEntity.noContent().build();
      case NOT_FOUND -> throw MailProblem.notFound("mailbox", id);
      case IN_USE ->
          throw MailProblem.conflict(
              "Mail came or went through this mailbox, and its cases keep pointing at it; disable"
                  + " it instead (PUT with \"enabled\": false).",
              "mailbox-in-use");
    };
  }

  /** Fetches the mailbox now, on this node, and answers how many mails it took in. */
  @PostMapping("/{id}/fetch")
  Map<String, Object> fetch(@PathVariable String id) {
    Mailbox mailbox = mailboxes.find(id).orElseThrow(() -> MailProblem.notFound("mailbox", id));
    MailFetching.Fetched fetched = fetching.fetchNow(mailbox);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("fetched", fetched.fetched());
    body.put("error", fetched.error().orElse(null));
    return body;
  }

  @GetMapping("/quarantine")
  Map<String, Object> quarantined() {
    return Map.of("items", quarantine.held().stream().map(MailboxController::view).toList());
  }

  /**
   * Reads a quarantined mail again and takes it in if it now reads: as it came (after the server
   * was fixed), or as corrected by the admin (the whole mail as the body, {@code message/rfc822}).
   */
  @PostMapping("/quarantine/{id}/reprocess")
  Map<String, Object> reprocess(
      @PathVariable String id,
      @RequestBody(required = false) byte[] corrected,
      Authentication who) {
    Quarantine.Reprocessed outcome =
        quarantine.reprocess(
            id, Optional.ofNullable(corrected).filter(bytes -> bytes.length > 0), who.getName());
    return switch (outcome) {
      case Quarantine.Reprocessed.NotFound n -> throw MailProblem.notFound("quarantined-mail", id);
      case Quarantine.Reprocessed.StillUnreadable s ->
          throw MailProblem.conflict(
              "The mail still cannot be read: " + s.reason(), "mail-still-unreadable");
      case Quarantine.Reprocessed.TakenIn t -> {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("outcome", t.outcome());
        body.put("case_id", t.caseId().orElse(null));
        yield body;
      }
    };
  }

  private static Mailbox done(Mailboxes.Saved saved) {
    return switch (saved) {
      case Mailboxes.Saved.Done done -> done.mailbox();
      case Mailboxes.Saved.Invalid invalid -> throw MailProblem.invalid(invalid.errors());
      case Mailboxes.Saved.NotFound notFound ->
          throw MailProblem.notFound("mailbox", notFound.id());
      case Mailboxes.Saved.Conflict conflict ->
          throw MailProblem.conflict(
              "Someone else changed mailbox " + conflict.id() + " meanwhile; read it again.",
              "concurrent-change");
    };
  }

  static Map<String, Object> view(Mailbox m) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", m.id());
    body.put("address", m.address());
    body.put("display_name", m.displayName());
    body.put("imap_host", m.imap().host());
    body.put("imap_port", m.imap().port());
    body.put("imap_security", m.imap().security().key());
    body.put("imap_user", m.imap().user());
    body.put("imap_folder", m.imapFolder());
    body.put("smtp_host", m.smtp().host());
    body.put("smtp_port", m.smtp().port());
    body.put("smtp_security", m.smtp().security().key());
    body.put("smtp_user", m.smtp().user());
    body.put("password", m.password().describe());
    body.put("password_env", m.password().environmentVariable().orElse(null));
    body.put("team", m.team().orElse(null));
    body.put("language", m.language());
    body.put("calendar", m.calendar().orElse(null));
    body.put("category", m.category());
    body.put("poll_seconds", m.pollSeconds());
    body.put("enabled", m.enabled());
    Map<String, Object> health = new LinkedHashMap<>();
    health.put("last_fetch_at", m.health().lastFetchAt().map(Object::toString).orElse(null));
    health.put("last_fetched", m.health().lastFetched());
    health.put("last_error", m.health().lastError().orElse(null));
    health.put("last_error_at", m.health().lastErrorAt().map(Object::toString).orElse(null));
    health.put("failing", m.health().failing());
    body.put("health", health);
    body.put("version", m.version());
    return body;
  }

  static Map<String, Object> view(Quarantine.Held held) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", held.id());
    body.put("mailbox", held.mailbox());
    body.put("message_id", held.messageId().orElse(null));
    body.put("reason", held.reason());
    body.put("bytes", held.bytes());
    body.put("held_at", held.heldAt().toString());
    return body;
  }
}
