package io.servicebook.server.mail;

import io.servicebook.server.web.ConsolePage;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin/mailboxes}, for admins: each support mailbox with its health line and "Fetch now",
 * a form to add one (problems next to their fields), and the quarantine of mail that could not be
 * read, to download and process again.
 */
@Controller
@ConsolePage
@PreAuthorize("hasRole('ADMIN')")
class MailboxPageController {

  private static final List<String> FIELDS =
      List.of(
          "address",
          "display_name",
          "imap_host",
          "imap_port",
          "imap_security",
          "imap_user",
          "smtp_host",
          "smtp_port",
          "smtp_security",
          "smtp_user",
          "password",
          "password_env",
          "team",
          "language",
          "calendar",
          "category",
          "poll_seconds");

  private final Mailboxes mailboxes;
  private final MailFetching fetching;
  private final Quarantine quarantine;

  MailboxPageController(Mailboxes mailboxes, MailFetching fetching, Quarantine quarantine) {
    this.mailboxes = mailboxes;
    this.fetching = fetching;
    this.quarantine = quarantine;
  }

  @GetMapping("/admin/mailboxes")
  String page(Model model) {
    model.addAttribute("mailboxes", mailboxes.all());
    model.addAttribute("held", quarantine.held());
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", Map.of("imap_security", "tls", "smtp_security", "starttls"));
      model.addAttribute("errors", Map.of());
    }
    return "admin-mailboxes";
  }

  @PostMapping("/admin/mailboxes")
  String add(
      @RequestParam MultiValueMap<String, String> form,
      Principal who,
      Model model,
      RedirectAttributes redirect) {
    Map<String, Object> body = new LinkedHashMap<>();
    for (String field : FIELDS) {
      Optional.ofNullable(form.getFirst(field)).ifPresent(v -> body.put(field, v));
    }
    return switch (mailboxes.create(body, who.getName())) {
      case Mailboxes.Saved.Done done -> {
        redirect.addFlashAttribute("notice", "mailboxes.added");
        yield "redirect:/admin/mailboxes";
      }
      case Mailboxes.Saved.Invalid invalid -> {
        Map<String, String> errors = new LinkedHashMap<>();
        invalid.errors().forEach(e -> errors.merge(e.field(), e.message(), (a, b) -> a + " " + b));
        body.remove("password");
        model.addAttribute("form", body);
        model.addAttribute("errors", errors);
        yield page(model);
      }
      case Mailboxes.Saved.NotFound n -> throw new IllegalStateException("creating found nothing");
      case Mailboxes.Saved.Conflict c -> throw new IllegalStateException("creating conflicted");
    };
  }

  @PostMapping("/admin/mailboxes/{id}/fetch")
  String fetch(@PathVariable String id, RedirectAttributes redirect) {
    mailboxes.find(id).ifPresent(fetching::fetchNow);
    return "redirect:/admin/mailboxes#mailbox-" + id;
  }

  @PostMapping("/admin/mailboxes/quarantine/{id}/reprocess")
  String reprocess(@PathVariable String id, Principal who, RedirectAttributes redirect) {
    switch (quarantine.reprocess(id, who.getName())) {
      case Quarantine.Reprocessed.NotFound n ->
          redirect.addFlashAttribute("notice", "quarantine.gone");
      case Quarantine.Reprocessed.StillUnreadable s ->
          redirect.addFlashAttribute("quarantineError", s.reason());
      case Quarantine.Reprocessed.TakenIn t ->
          redirect.addFlashAttribute("notice", "quarantine.taken");
    }
    return "redirect:/admin/mailboxes#quarantine";
  }

  /** The held mail as it came, to open in a mail program or correct and send to the API. */
  @GetMapping("/admin/mailboxes/quarantine/{id}/raw")
  ResponseEntity<byte[]> raw(@PathVariable String id) {
    return quarantine
        .raw(id)
        .map(
            bytes ->
                ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType("message/rfc822"))
                    .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                            .filename("quarantined-" + id + ".eml")
                            .build()
                            .toString())
                    .header("X-Content-Type-Options", "nosniff")
                    .body(bytes))
        .orElseGet(() -> ResponseEntity.notFound().build());
  }
}
