package io.servicebook.server.channels;

import io.servicebook.protocol.Channel;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer's message as a channel adapter received it (a mail, a chat line, a gateway's SMS),
 * before it is threaded into a case or opens one.
 *
 * @param source where it came from, such as {@code mail:support@acme.example} or {@code api:sms}
 * @param externalId the provider's own id of the message (a mail's Message-ID), unique per source:
 *     the same id handed in twice is recorded once
 * @param references the external ids of earlier messages this one answers (a mail's In-Reply-To and
 *     References), newest last
 * @param caseToken a case token the message names (from a subject's {@code [SB-7QK2KD]})
 * @param category the category of the case it opens, when it opens one
 * @param team the team a case it opens goes to, when the adapter knows one
 */
public record InboundMessage(
    Channel channel,
    String source,
    String externalId,
    Sender sender,
    String subject,
    String body,
    List<String> references,
    Optional<String> caseToken,
    String category,
    Optional<String> team) {

  /** Whom the message is from, as far as the channel tells. */
  public record Sender(
      String firstName,
      String lastName,
      Optional<String> email,
      Optional<String> phone,
      Optional<String> language) {

    public Sender {
      Objects.requireNonNull(firstName, "firstName");
      Objects.requireNonNull(lastName, "lastName");
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(phone, "phone");
      Objects.requireNonNull(language, "language");
    }

    /**
     * A sender known by a display name such as {@code "Ada Lovelace"}: first word, then the rest.
     */
    public static Sender named(
        String displayName,
        Optional<String> email,
        Optional<String> phone,
        Optional<String> language) {
      String name = displayName == null ? "" : displayName.strip();
      int space = name.indexOf(' ');
      return space < 0
          ? new Sender(name, "", email, phone, language)
          : new Sender(
              name.substring(0, space), name.substring(space + 1).strip(), email, phone, language);
    }
  }

  public InboundMessage {
    Objects.requireNonNull(channel, "channel");
    requireText(source, "source");
    requireText(externalId, "externalId");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(body, "body");
    references = List.copyOf(references);
    Objects.requireNonNull(caseToken, "caseToken");
    requireText(category, "category");
    Objects.requireNonNull(team, "team");
  }

  private static void requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("An inbound message needs a " + what + ".");
    }
  }
}
