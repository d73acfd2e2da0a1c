package io.servicebook.server.mail;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * {@code /cases/{id}/attachments/{attachment}}: a customer's file, for staff who work cases only,
 * always as a download (never shown in the page), typed by what its bytes are.
 */
@Controller
class AttachmentController {

  private final MailAttachments attachments;

  AttachmentController(MailAttachments attachments) {
    this.attachments = attachments;
  }

  @GetMapping("/cases/{id}/attachments/{attachment}")
  @PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR', 'AGENT')")
  ResponseEntity<byte[]> download(@PathVariable String id, @PathVariable String attachment) {
    return attachments
        .download(id, attachment)
        .map(
            file ->
                ResponseEntity.ok()
                    .contentType(served(file.contentType()))
                    .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                            .filename(file.fileName(), java.nio.charset.StandardCharsets.UTF_8)
                            .build()
                            .toString())
                    .header("X-Content-Type-Options", "nosniff")
                    .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                    .body(file.content()))
        .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).build());
  }

  /** Anything a browser would run or render as a page is served as plain bytes. */
  private static MediaType served(String sniffed) {
    return switch (sniffed) {
      case "application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp", "text/plain" ->
          MediaType.parseMediaType(sniffed);
      default -> MediaType.APPLICATION_OCTET_STREAM;
    };
  }
}
