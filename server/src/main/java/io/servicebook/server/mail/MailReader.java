package io.servicebook.server.mail;

import io.servicebook.server.channels.CaseReferences;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a mail as it came from the mailbox (its raw bytes) into what the case needs, or says why it
 * opens no case: an automatic reply or a list mail (RFC 3834 {@code Auto-Submitted}, {@code
 * Precedence}, {@code X-Autoreply}), a loop (sent by one of our own mailboxes), a delivery status
 * notification (a bounce of one of our replies), or a mail that cannot be read at all.
 */
final class MailReader {

  private MailReader() {}

  /** What a mail turned out to be. */
  sealed interface Reading {
    /** A customer's message, to be taken into a case. */
    record CustomerMail(
        String messageId,
        String senderName,
        String senderEmail,
        String subject,
        String body,
        Optional<String> quoted,
        Optional<String> language,
        List<String> references,
        Optional<String> caseToken,
        List<Attachment> attachments)
        implements Reading {}

    /** Opens no case: an automatic reply, a list mail or a loop; {@code why} says which. */
    record Ignored(String messageId, String why) implements Reading {}

    /** A report that one of our mails could not be delivered. */
    record Bounce(String messageId, Optional<String> original, String reason) implements Reading {}

    /** Cannot be read; kept whole in the quarantine. */
    record Unreadable(Optional<String> messageId, String reason) implements Reading {}
  }

  /** A file attached to the mail: its name, what the mail said it is, and its bytes. */
  record Attachment(String fileName, String declaredType, byte[] content) {}

  private static final Session SESSION = Session.getInstance(new Properties());
  private static final Pattern TOKEN =
      Pattern.compile("\\[(SB-[A-Za-z0-9]{3,12})\\]", Pattern.CASE_INSENSITIVE);
  private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
  private static final Pattern REPLY_PREFIX =
      Pattern.compile("^\\s*((re|aw|fwd?|wg|tr|sv|antw)\\s*:\\s*)+", Pattern.CASE_INSENSITIVE);

  /**
   * Reads raw mail that reached the mailbox; {@code ownAddresses} are our mailboxes, lower case.
   */
  static Reading read(byte[] raw, Set<String> ownAddresses) {
    Optional<String> rawId = rawMessageId(raw);
    try {
      MimeMessage mail = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
      String messageId =
          Optional.ofNullable(mail.getMessageID())
              .map(String::strip)
              .filter(s -> !s.isEmpty())
              .orElseGet(() -> hashId(raw));
      Optional<String> automatic = automatic(mail);
      if (isDeliveryReport(mail)) {
        return bounce(mail, messageId);
      }
      if (automatic.isPresent()) {
        return new Reading.Ignored(messageId, automatic.get());
      }
      Address[] from = mail.getFrom();
      if (from == null
          || from.length == 0
          || !(from[0] instanceof InternetAddress sender)
          || sender.getAddress() == null
          || !MailboxRequest.EMAIL.matcher(sender.getAddress()).matches()) {
        return new Reading.Unreadable(rawId, "it names no sender address (From) to answer");
      }
      String email = sender.getAddress().strip();
      if (ownAddresses.contains(email.toLowerCase(Locale.ROOT))) {
        return new Reading.Ignored(messageId, "loop: sent by our own mailbox " + email);
      }
      String subject = Optional.ofNullable(mail.getSubject()).orElse("").strip();
      Bodies bodies = new Bodies();
      bodies.walk(mail);
      String text =
          bodies.plain != null
              ? bodies.plain
              : bodies.html != null ? MailText.fromHtml(bodies.html) : "";
      MailText.Folded folded = MailText.fold(text.replace("\r\n", "\n"));
      return new Reading.CustomerMail(
          messageId,
          Optional.ofNullable(sender.getPersonal()).map(String::strip).orElse(""),
          email,
          subject,
          folded.fresh(),
          folded.quoted(),
          language(mail.getHeader("Content-Language", ",")),
          references(mail),
          token(subject),
          bodies.attachments);
    } catch (MessagingException | IOException | RuntimeException e) {
      return new Reading.Unreadable(rawId, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** The subject without reply prefixes and the case token, for a new case's subject. */
  static String caseSubject(String subject) {
    String bare = TOKEN.matcher(subject).replaceAll("");
    bare = REPLY_PREFIX.matcher(bare).replaceFirst("").strip().replaceAll("\\s{2,}", " ");
    return bare.isEmpty() ? "(no subject)" : bare;
  }

  static Optional<String> token(String subject) {
    return CaseReferences.inSubject(subject);
  }

  /** Why the mail was sent by a machine, if it was (RFC 3834 and the common vendor headers). */
  private static Optional<String> automatic(MimeMessage mail) throws MessagingException {
    String submitted = mail.getHeader("Auto-Submitted", null);
    if (submitted != null && !submitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
      return Optional.of("automatic reply: Auto-Submitted: " + submitted.strip());
    }
    String precedence = mail.getHeader("Precedence", null);
    if (precedence != null
        && Set.of("bulk", "junk", "list", "auto_reply")
            .contains(precedence.strip().toLowerCase(Locale.ROOT))) {
      return Optional.of("bulk or list mail: Precedence: " + precedence.strip());
    }
    for (String header : List.of("X-Autoreply", "X-Autorespond")) {
      String value = mail.getHeader(header, null);
      if (value != null) {
        return Optional.of("automatic reply: " + header + ": " + value.strip());
      }
    }
    return Optional.empty();
  }

  private static boolean isDeliveryReport(MimeMessage mail) throws MessagingException {
    ContentType type = new ContentType(mail.getContentType());
    return type.match("multipart/report")
        && "delivery-status".equalsIgnoreCase(type.getParameter("report-type"));
  }

  /**
   * A delivery status notification (RFC 3464): the Message-ID of the mail it reports on (from the
   * returned message or its headers) and the reason the receiving server gave.
   */
  private static Reading bounce(MimeMessage mail, String messageId)
      throws MessagingException, IOException {
    Optional<String> original = Optional.empty();
    List<String> reasons = new ArrayList<>();
    Multipart parts = (Multipart) mail.getContent();
    for (int i = 0; i < parts.getCount(); i++) {
      BodyPart part = parts.getBodyPart(i);
      if (part.isMimeType("message/delivery-status")) {
        String status = new String(bytes(part.getInputStream()), StandardCharsets.UTF_8);
        for (String line : status.replace("\r\n", "\n").split("\n")) {
          String lower = line.toLowerCase(Locale.ROOT);
          if (lower.startsWith("status:") || lower.startsWith("diagnostic-code:")) {
            reasons.add(line.strip());
          }
        }
      } else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")) {
        InternetHeaders headers = new InternetHeaders(part.getInputStream());
        original = Optional.ofNullable(headers.getHeader("Message-ID", null)).map(String::strip);
      }
    }
    return new Reading.Bounce(
        messageId,
        original,
        reasons.isEmpty()
            ? "the receiving server could not deliver it"
            : String.join("; ", reasons));
  }

  /** The Message-IDs the mail answers: In-Reply-To first, then References, each once. */
  private static List<String> references(MimeMessage mail) throws MessagingException {
    Set<String> ids = new LinkedHashSet<>();
    for (String header : List.of("In-Reply-To", "References")) {
      String value = mail.getHeader(header, " ");
      if (value != null) {
        Matcher m = MESSAGE_ID.matcher(value);
        while (m.find()) {
          ids.add(m.group());
        }
      }
    }
    return List.copyOf(ids);
  }

  private static Optional<String> language(String header) {
    if (header == null) {
      return Optional.empty();
    }
    String first = header.split(",")[0].strip().toLowerCase(Locale.ROOT);
    return first.matches("[a-z]{2,3}(-[a-z0-9]{2,8})*") ? Optional.of(first) : Optional.empty();
  }

  /** A stable id for a mail without a Message-ID: the same bytes fetched again get the same id. */
  static String hashId(byte[] raw) {
    return "<sha256-"
        + HexFormat.of().formatHex(sha256(raw)).substring(0, 40)
        + "@servicebook.invalid>";
  }

  static byte[] sha256(byte[] raw) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(raw);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  /** The Message-ID header read from the raw bytes alone, for mail that does not parse. */
  static Optional<String> rawMessageId(byte[] raw) {
    try {
      InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(raw));
      return Optional.ofNullable(headers.getHeader("Message-ID", null)).map(String::strip);
    } catch (MessagingException e) {
      return Optional.empty();
    }
  }

  private static byte[] bytes(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  /** The first plain and HTML bodies, and the attachments, found walking the parts. */
  private static final class Bodies {
    String plain;
    String html;
    final List<Attachment> attachments = new ArrayList<>();

    void walk(Part part) throws MessagingException, IOException {
      String disposition = part.getDisposition();
      String fileName = fileName(part);
      boolean attached =
          Part.ATTACHMENT.equalsIgnoreCase(disposition)
              || (fileName != null && !part.isMimeType("multipart/*"));
      if (attached) {
        attachments.add(
            new Attachment(
                fileName == null ? "attachment" : fileName,
                new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT),
                bytes(part.getInputStream())));
      } else if (part.isMimeType("multipart/*")) {
        if (new ContentType(part.getContentType()).getParameter("boundary") == null) {
          // guessing the parts from the first "--" line may cut a customer's words wrongly
          throw new MessagingException(
              "a multipart part has no boundary parameter, so its parts cannot be told apart");
        }
        Multipart multipart = (Multipart) part.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
          walk(multipart.getBodyPart(i));
        }
      } else if (part.isMimeType("text/plain") && plain == null) {
        plain = text(part);
      } else if (part.isMimeType("text/html") && html == null) {
        html = text(part);
      }
    }

    private static String text(Part part) throws MessagingException, IOException {
      Object content = part.getContent();
      return content instanceof String s
          ? s
          : new String(bytes(part.getInputStream()), StandardCharsets.UTF_8);
    }

    private static String fileName(Part part) throws MessagingException {
      String name = part.getFileName();
      if (name == null) {
        return null;
      }
      try {
        name = MimeUtility.decodeText(name);
      } catch (java.io.UnsupportedEncodingException e) {
        // keep the name as written
      }
      name = name.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_").strip();
      return name.isEmpty() ? null : name.length() > 200 ? name.substring(0, 200) : name;
    }
  }
}
