package io.servicebook.server.cases;

import io.servicebook.cases.CaseStatus;
import io.servicebook.cases.Interaction;
import io.servicebook.protocol.Channel;
import io.servicebook.protocol.Priority;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the JSON bodies of the case API into checked values, collecting every bad field with what
 * is accepted instead of stopping at the first.
 */
final class CaseRequests {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");

  private CaseRequests() {}

  /** A field of the body that is missing or wrong, by its dotted path, and why. */
  record FieldError(String field, String message) {}

  /** A body read into a value, or every problem found in it. */
  sealed interface Read<T> {
    record Valid<T>(T value) implements Read<T> {}

    record Invalid<T>(List<FieldError> errors) implements Read<T> {}
  }

  /** An interaction to add: its kind and text, on the channel given or the case's. */
  /**
   * A new interaction; {@code then} is the status an agent's reply sets the case to with it (the
   * optional {@code status} field), empty for anything else.
   */
  record NewInteraction(
      Interaction.Kind kind, String body, Optional<Channel> channel, Optional<CaseStatus> then) {
    NewInteraction(Interaction.Kind kind, String body, Optional<Channel> channel) {
      this(kind, body, channel, Optional.empty());
    }
  }

  /** A status move and why. */
  record StatusChange(CaseStatus status, String reason) {}

  /** A priority change and why. */
  record PriorityChange(Priority priority, String reason) {}

  /** Who the case goes to; empty values unassign. */
  record Assignment(Optional<String> assignee, Optional<String> team) {}

  static Read<NewCase> newCase(Map<String, Object> body, CustomerTiers tiers) {
    Fields f = new Fields(body, "");
    Channel channel = f.oneOf("channel", Channel.values(), Channel::key, true);
    String category = f.text("category", true, 100);
    String subject = f.text("subject", true, 500);
    String message = f.text("message", true, 100_000);
    Priority priority = f.oneOf("priority", Priority.values(), Priority::key, false);
    Fields customer = f.object("customer");
    String firstName = customer.text("first_name", true, 200);
    String lastName = customer.text("last_name", true, 200);
    // a caller or visitor may give no address; a message written on any other channel is answered
    // by writing to one
    boolean emailRequired = channel == null || !NewCase.WITHOUT_EMAIL.contains(channel);
    String email = customer.text("email", emailRequired, 320);
    if (email != null && !EMAIL.matcher(email).matches()) {
      customer.error(
          "email", "“" + email + "” is not an email address; write it like name@example.com.");
    }
    String phone = customer.text("phone", false, 40);
    String language = customer.text("language", false, 35);
    if (language != null && !LANGUAGE.matcher(language).matches()) {
      customer.error(
          "language", "“" + language + "” is not a language tag; write it like en or pt-BR.");
    }
    String tier = customer.text("tier", false, 50);
    if (tier != null) {
      String asked = tier;
      tier = tiers.find(asked).orElse(null);
      if (tier == null) {
        customer.error("tier", tiers.refusal(asked));
      }
    }
    if (!f.errors.isEmpty()) {
      return new Read.Invalid<>(f.errors);
    }
    return new Read.Valid<>(
        new NewCase(
            channel,
            category,
            subject,
            message,
            priority == null ? Priority.NORMAL : priority,
            firstName,
            lastName,
            Optional.ofNullable(email),
            Optional.ofNullable(phone),
            Optional.ofNullable(language),
            Optional.ofNullable(tier)));
  }

  static Read<NewInteraction> interaction(Map<String, Object> body) {
    Fields f = new Fields(body, "");
    String kind = f.text("kind", true, 20);
    Interaction.Kind parsed = null;
    if (kind != null) {
      parsed =
          switch (kind.toLowerCase(Locale.ROOT)) {
            case "inbound" -> Interaction.Kind.INBOUND_MESSAGE;
            case "outbound" -> Interaction.Kind.OUTBOUND_MESSAGE;
            case "note" -> Interaction.Kind.NOTE;
            default -> {
              f.error(
                  "kind",
                  "“"
                      + kind
                      + "” is not a kind of interaction; accepted: inbound, outbound, note.");
              yield null;
            }
          };
    }
    String text = f.text("body", true, 100_000);
    Channel channel = f.oneOf("channel", Channel.values(), Channel::key, false);
    CaseStatus then = f.oneOf("status", CaseStatus.values(), CaseStatus::key, false);
    if (then != null && parsed != null && parsed != Interaction.Kind.OUTBOUND_MESSAGE) {
      f.error("status", "is set only with an outbound reply (kind outbound).");
    }
    return f.errors.isEmpty()
        ? new Read.Valid<>(
            new NewInteraction(
                parsed, text, Optional.ofNullable(channel), Optional.ofNullable(then)))
        : new Read.Invalid<>(f.errors);
  }

  /** A merge: the case merged into the one named in the path, and why (optional). */
  record MergeRequest(String caseId, String reason) {}

  static Read<MergeRequest> merge(Map<String, Object> body) {
    Fields f = new Fields(body, "");
    String other = f.text("case_id", true, 36);
    String reason = f.text("reason", false, 2000);
    return f.errors.isEmpty()
        ? new Read.Valid<>(new MergeRequest(other, reason == null ? "" : reason))
        : new Read.Invalid<>(f.errors);
  }

  static Read<StatusChange> status(Map<String, Object> body) {
    Fields f = new Fields(body, "");
    CaseStatus status = f.oneOf("status", CaseStatus.values(), CaseStatus::key, true);
    String reason = f.text("reason", true, 2000);
    return f.errors.isEmpty()
        ? new Read.Valid<>(new StatusChange(status, reason))
        : new Read.Invalid<>(f.errors);
  }

  static Read<PriorityChange> priority(Map<String, Object> body) {
    Fields f = new Fields(body, "");
    Priority priority = f.oneOf("priority", Priority.values(), Priority::key, true);
    String reason = f.text("reason", false, 2000);
    return f.errors.isEmpty()
        ? new Read.Valid<>(new PriorityChange(priority, reason == null ? "" : reason))
        : new Read.Invalid<>(f.errors);
  }

  static Read<Assignment> assignment(Map<String, Object> body) {
    Fields f = new Fields(body, "");
    String assignee = f.text("assignee", false, 100);
    String team = f.text("team", false, 100);
    return f.errors.isEmpty()
        ? new Read.Valid<>(new Assignment(Optional.ofNullable(assignee), Optional.ofNullable(team)))
        : new Read.Invalid<>(f.errors);
  }

  /** The members of one JSON object, read by name; problems go to a list shared with children. */
  private static final class Fields {
    private final Map<String, Object> values;
    private final String prefix;
    private final List<FieldError> errors;

    Fields(Map<String, Object> values, String prefix) {
      this(values, prefix, new ArrayList<>());
    }

    private Fields(Map<String, Object> values, String prefix, List<FieldError> errors) {
      this.values = values == null ? Map.of() : values;
      this.prefix = prefix;
      this.errors = errors;
    }

    void error(String name, String message) {
      errors.add(new FieldError(prefix + name, message));
    }

    String text(String name, boolean required, int maxLength) {
      Object value = values.get(name);
      if (value == null || (value instanceof String s && s.isBlank())) {
        if (required) {
          error(name, "is required.");
        }
        return null;
      }
      if (!(value instanceof String s)) {
        error(name, "must be a string, not " + value + ".");
        return null;
      }
      if (s.length() > maxLength) {
        error(name, "is too long (" + s.length() + " characters); at most " + maxLength + ".");
        return null;
      }
      return s.strip();
    }

    <E> E oneOf(
        String name, E[] options, java.util.function.Function<E, String> key, boolean required) {
      String text = text(name, required, 100);
      if (text == null) {
        return null;
      }
      for (E option : options) {
        if (key.apply(option).equalsIgnoreCase(text)) {
          return option;
        }
      }
      error(
          name,
          "“"
              + text
              + "” is not accepted; choose one of "
              + Arrays.stream(options).map(key).collect(Collectors.joining(", "))
              + ".");
      return null;
    }

    @SuppressWarnings("unchecked")
    Fields object(String name) {
      Object value = values.get(name);
      if (value instanceof Map<?, ?> map) {
        return new Fields((Map<String, Object>) map, prefix + name + ".", errors);
      }
      error(name, value == null ? "is required." : "must be an object.");
      return new Fields(Map.of(), prefix + name + ".", new ArrayList<>());
    }
  }
}
