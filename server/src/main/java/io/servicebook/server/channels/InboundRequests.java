package io.servicebook.server.channels;

import io.servicebook.protocol.Channel;
import io.servicebook.server.web.InvalidRequest;
import io.servicebook.server.web.InvalidRequest.FieldError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the body of {@code POST /api/v1/inbound/messages} into an {@link InboundMessage},
 * collecting every bad field with what is accepted.
 */
final class InboundRequests {

  private static final Pattern PROVIDER = Pattern.compile("[a-z0-9][a-z0-9._-]{0,49}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()./-]{2,38}");
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");

  private InboundRequests() {}

  static InboundMessage read(Map<String, Object> body) {
    List<FieldError> errors = new ArrayList<>();
    Map<String, Object> values = body == null ? Map.of() : body;
    Channel channel = channel(text(values, "channel", true, 20, errors), errors);
    String provider = text(values, "provider", true, 50, errors);
    if (provider != null && !PROVIDER.matcher(provider).matches()) {
      errors.add(
          new FieldError(
              "provider",
              "“" + provider + "” must be a short name of lower-case letters, digits, . _ -."));
    }
    String messageId = text(values, "message_id", true, 500, errors);
    String message = text(values, "text", true, 100_000, errors);
    String subject = text(values, "subject", false, 500, errors);
    String category = text(values, "category", false, 100, errors);
    String reference = text(values, "case_reference", false, 40, errors);
    Map<String, Object> from = object(values, "from", errors);
    String name = text(from, "from.name", false, 200, errors);
    String email =
        matching(from, "from.email", 320, EMAIL, "an address like name@example.com", errors);
    String phone = matching(from, "from.phone", 40, PHONE, "a number like +49 30 1234567", errors);
    String language =
        matching(from, "from.language", 35, LANGUAGE, "a tag such as en or pt-BR", errors);
    if (email == null
        && phone == null
        && !errors.stream().anyMatch(e -> e.field().startsWith("from"))) {
      errors.add(new FieldError("from", "needs an email or a phone number to answer to."));
    }
    List<String> inReplyTo = list(values, "in_reply_to", errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequest(
          "invalid-inbound-message", "The inbound message is not valid", errors);
    }
    return new InboundMessage(
        channel,
        "api:" + provider,
        messageId,
        InboundMessage.Sender.named(
            name == null ? "" : name,
            Optional.ofNullable(email),
            Optional.ofNullable(phone),
            Optional.ofNullable(language)),
        subject == null ? "" : subject,
        message,
        inReplyTo,
        Optional.ofNullable(reference),
        category == null ? "general" : category,
        Optional.empty());
  }

  /** The channel named {@code key} (without case), or null with an error for {@code channel}. */
  static Channel channel(String key, List<FieldError> errors) {
    if (key == null) {
      return null;
    }
    for (Channel channel : Channel.values()) {
      if (channel.key().equalsIgnoreCase(key)) {
        return channel;
      }
    }
    errors.add(
        new FieldError(
            "channel",
            "“"
                + key
                + "” is not accepted; choose one of "
                + Arrays.stream(Channel.values())
                    .map(Channel::key)
                    .collect(Collectors.joining(", "))
                + "."));
    return null;
  }

  /** A member by its dotted path's last name; a blank string counts as missing. */
  private static String text(
      Map<String, Object> values, String path, boolean required, int max, List<FieldError> errors) {
    Object value = values.get(path.substring(path.lastIndexOf('.') + 1));
    if (value == null || (value instanceof String s && s.isBlank())) {
      if (required) {
        errors.add(new FieldError(path, "is required."));
      }
      return null;
    }
    if (!(value instanceof String s)) {
      errors.add(new FieldError(path, "must be a string, not " + value + "."));
      return null;
    }
    if (s.length() > max) {
      errors.add(
          new FieldError(
              path, "is too long (" + s.length() + " characters); at most " + max + "."));
      return null;
    }
    return s.strip();
  }

  private static String matching(
      Map<String, Object> values,
      String path,
      int max,
      Pattern pattern,
      String expected,
      List<FieldError> errors) {
    String text = text(values, path, false, max, errors);
    if (text != null && !pattern.matcher(text).matches()) {
      errors.add(new FieldError(path, "“" + text + "” is not " + expected + "."));
      return null;
    }
    return text;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(
      Map<String, Object> values, String name, List<FieldError> errors) {
    Object value = values.get(name);
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    errors.add(new FieldError(name, value == null ? "is required." : "must be an object."));
    return Map.of();
  }

  private static List<String> list(
      Map<String, Object> values, String name, List<FieldError> errors) {
    Object value = values.get(name);
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> items
        && items.size() <= 100
        && items.stream()
            .allMatch(i -> i instanceof String s && !s.isBlank() && s.length() <= 500)) {
      return items.stream().map(i -> ((String) i).strip()).toList();
    }
    errors.add(
        new FieldError(
            name, "must be a list of up to 100 message ids (strings of 1 to 500 characters)."));
    return List.of();
  }
}
