package io.servicebook.server.mail;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** The files customers attached to their mails, listed on the case page for staff. */
@Service
public class MailAttachments {

  private final ReceivedMailRepository repository;

  MailAttachments(ReceivedMailRepository repository) {
    this.repository = repository;
  }

  /**
   * A file on a case: its name, what its bytes are (sniffed), what the mail claimed, its size, and
   * why it was not kept, if it was not (too large).
   */
  public record Listed(
      String id,
      String fileName,
      String contentType,
      String declaredType,
      long size,
      Optional<String> refused,
      Instant receivedAt) {

    /** The size for people: 12 KB, 3.4 MB. */
    public String sizeText() {
      if (size < 1024) {
        return size + " B";
      }
      if (size < 1024 * 1024) {
        return Math.round(size / 1024.0) + " KB";
      }
      return String.format(java.util.Locale.ROOT, "%.1f MB", size / (1024.0 * 1024));
    }

    /** Whether the bytes say something else than the mail claimed (a renamed program, say). */
    public boolean mismatch() {
      return !declaredType.equalsIgnoreCase(contentType)
          && !"application/octet-stream".equalsIgnoreCase(declaredType);
    }
  }

  /** A file's bytes to download, with its name and sniffed type. */
  record Download(String fileName, String contentType, byte[] content) {}

  public List<Listed> of(String caseId) {
    return repository.attachmentsOf(caseId).stream()
        .map(
            a ->
                new Listed(
                    a.id(),
                    a.fileName(),
                    a.contentType(),
                    a.declaredType(),
                    a.size(),
                    a.refused(),
                    a.createdAt()))
        .toList();
  }

  /** The file of the case, if it is one of the case's and its bytes were kept. */
  Optional<Download> download(String caseId, String id) {
    return repository
        .attachment(id)
        .filter(a -> a.caseId().equals(caseId))
        .flatMap(
            a ->
                repository
                    .attachmentContent(id)
                    .map(bytes -> new Download(a.fileName(), a.contentType(), bytes)));
  }
}
