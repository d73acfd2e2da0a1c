package io.servicebook.server.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The mail channel's settings ({@code servicebook.mail.*}): {@code key}, the secret the mailbox
 * passwords are sealed with (default: a file {@code keys/mail.key} in the data directory, made on
 * first use; or {@code SERVICEBOOK_MAIL_KEY}); {@code fetching}, whether this node fetches mail at
 * all (default yes); {@code max-attachment-bytes} (default 10 MB; a larger file is listed on the
 * case but not stored); {@code batch}, how many mails one fetch takes at most (default 200); and
 * the demo's local mail server ports {@code demo-smtp-port} and {@code demo-imap-port} (3025 and
 * 3143, or free ports when those are taken).
 */
@ConfigurationProperties("servicebook.mail")
record MailSettings(
    String key,
    Boolean fetching,
    Long maxAttachmentBytes,
    Integer batch,
    Integer demoSmtpPort,
    Integer demoImapPort) {

  MailSettings {
    key = key == null || key.isBlank() ? null : key.strip();
    if (key != null && key.length() < 32) {
      throw new IllegalArgumentException(
          "servicebook.mail.key must have at least 32 characters (e.g. `openssl rand -base64 32`),"
              + " not "
              + key.length());
    }
    fetching = fetching == null || fetching;
    maxAttachmentBytes = maxAttachmentBytes == null ? 10L * 1024 * 1024 : maxAttachmentBytes;
    batch = batch == null || batch < 1 ? 200 : batch;
    demoSmtpPort = demoSmtpPort == null ? 3025 : demoSmtpPort;
    demoImapPort = demoImapPort == null ? 3143 : demoImapPort;
  }
}
