package io.servicebook.server.cases;

import io.servicebook.protocol.Channel;
import io.servicebook.protocol.Priority;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A customer's first message as the API or the console received it, already checked field by field;
 * language and tier are empty when the request did not name them (the customer's known ones apply
 * then).
 *
 * @param email empty only on a channel of {@link #WITHOUT_EMAIL}: a caller may give none
 * @param customerId the known customer an agent picked in the console; empty when the customer is
 *     found by email, else by phone, else is new
 */
public record NewCase(
    Channel channel,
    String category,
    String subject,
    String message,
    Priority priority,
    String firstName,
    String lastName,
    Optional<String> email,
    Optional<String> phone,
    Optional<String> language,
    Optional<String> tier,
    Optional<String> customerId) {

  /**
   * The channels on which a customer may reach the company without giving an email address: they
   * speak to an agent, write on paper, or text from a number the answer goes back to. The others
   * are answered by writing to an address.
   */
  public static final Set<Channel> WITHOUT_EMAIL =
      EnumSet.of(Channel.PHONE, Channel.IN_PERSON, Channel.LETTER, Channel.VIDEO, Channel.SMS);

  public NewCase {
    if (email.isEmpty() && !WITHOUT_EMAIL.contains(channel)) {
      throw new IllegalArgumentException(
          "A case on the " + channel.key() + " channel needs the customer's email address.");
    }
  }

  /**
   * The request as its idempotency key's hash reads it: the text this record had before the email
   * became optional, so that a client retrying across an upgrade is still sending the same request.
   */
  String fingerprint() {
    String text =
        "NewCase[channel=%s, category=%s, subject=%s, message=%s, priority=%s, firstName=%s,"
                .formatted(channel, category, subject, message, priority, firstName)
            + " lastName=%s, email=%s, phone=%s, language=%s, tier=%s]"
                .formatted(lastName, email.orElse(null), phone, language, tier);
    return customerId.map(id -> text + " customerId=" + id).orElse(text);
  }

  /** A new case whose customer is found by email, else by phone, else is new. */
  public NewCase(
      Channel channel,
      String category,
      String subject,
      String message,
      Priority priority,
      String firstName,
      String lastName,
      Optional<String> email,
      Optional<String> phone,
      Optional<String> language,
      Optional<String> tier) {
    this(
        channel,
        category,
        subject,
        message,
        priority,
        firstName,
        lastName,
        email,
        phone,
        language,
        tier,
        Optional.empty());
  }
}
