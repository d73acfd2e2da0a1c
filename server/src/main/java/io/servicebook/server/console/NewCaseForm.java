package io.servicebook.server.console;

import io.servicebook.protocol.Channel;
import io.servicebook.server.cases.NewCase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The console's "New case" form as an agent filled it in while taking a call or a visit, or typing
 * in a letter, and its check: each problem as the message key shown next to its field.
 *
 * @param customerId the known customer the agent picked; blank for a new one
 */
record NewCaseForm(
    String customerId,
    String firstName,
    String lastName,
    String email,
    String phone,
    String channel,
    String category,
    String subject,
    String message) {

  /** The channels an agent logs a contact on, the ones without an address first. */
  static final List<Channel> CHANNELS =
      List.of(Channel.PHONE, Channel.IN_PERSON, Channel.LETTER, Channel.VIDEO, Channel.EMAIL);

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final int SUBJECT_FROM_MESSAGE = 80;

  NewCaseForm {
    customerId = strip(customerId);
    firstName = strip(firstName);
    lastName = strip(lastName);
    email = strip(email);
    phone = strip(phone);
    channel = strip(channel);
    category = strip(category);
    subject = strip(subject);
    message = strip(message);
  }

  static NewCaseForm empty() {
    return new NewCaseForm("", "", "", "", "", Channel.PHONE.key(), "", "", "");
  }

  Optional<Channel> chosenChannel() {
    return CHANNELS.stream().filter(c -> c.key().equals(channel)).findFirst();
  }

  /** Each problem by field, as a message key; empty when the form may open a case. */
  Map<String, String> problems(List<String> categories) {
    Map<String, String> problems = new LinkedHashMap<>();
    required(problems, "first_name", firstName, 200);
    required(problems, "last_name", lastName, 200);
    Optional<Channel> on = chosenChannel();
    if (on.isEmpty()) {
      problems.put("channel", "newcase.error.channel");
    }
    if (email.isEmpty()) {
      if (on.isPresent() && !NewCase.WITHOUT_EMAIL.contains(on.get())) {
        problems.put("email", "newcase.error.email.required");
      }
    } else if (email.length() > 320 || !EMAIL.matcher(email).matches()) {
      problems.put("email", "newcase.error.email");
    }
    if (phone.length() > 40) {
      problems.put("phone", "newcase.error.phone");
    }
    if (categories.isEmpty()) {
      required(problems, "category", category, 100);
    } else if (!categories.contains(category)) {
      problems.put("category", "newcase.error.category");
    }
    if (subject.length() > 500) {
      problems.put("subject", "newcase.error.subject.long");
    }
    required(problems, "message", message, 100_000);
    return problems;
  }

  /** The case to open; only for a form without problems. */
  NewCase newCase() {
    return new NewCase(
        chosenChannel().orElseThrow(),
        category,
        subject.isEmpty() ? subjectFromMessage() : subject,
        message,
        io.servicebook.protocol.Priority.NORMAL,
        firstName,
        lastName,
        Optional.of(email).filter(e -> !e.isEmpty()),
        Optional.of(phone).filter(p -> !p.isEmpty()),
        Optional.empty(),
        Optional.empty(),
        Optional.of(customerId).filter(id -> !id.isEmpty()));
  }

  /** The message's first line, shortened: an agent taking a call rarely writes a subject. */
  private String subjectFromMessage() {
    String line = message.lines().findFirst().orElse("").strip();
    return line.length() <= SUBJECT_FROM_MESSAGE
        ? line
        : line.substring(0, SUBJECT_FROM_MESSAGE - 1).strip() + "…";
  }

  private static void required(
      Map<String, String> problems, String field, String value, int longest) {
    if (value.isEmpty()) {
      problems.put(field, "newcase.error." + field + ".blank");
    } else if (value.length() > longest) {
      problems.put(field, "newcase.error." + field + ".long");
    }
  }

  private static String strip(String value) {
    return value == null ? "" : value.strip();
  }
}
