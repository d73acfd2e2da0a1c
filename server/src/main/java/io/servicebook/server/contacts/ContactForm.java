package io.servicebook.server.contacts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The help centre's contact form as the customer filled it in, and its check: each problem as the
 * message key shown next to its field.
 *
 * @param website the honeypot: hidden from people, so only a robot fills it in
 * @param submission the random id the form was shown with: the same form sent twice (a double
 *     click, a reload) opens one case
 */
record ContactForm(
    String name,
    String email,
    String category,
    String subject,
    String message,
    String website,
    String submission) {

  static final int LONGEST_NAME = 200;
  static final int LONGEST_EMAIL = 320;
  static final int LONGEST_SUBJECT = 200;
  static final int LONGEST_MESSAGE = 10_000;

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  ContactForm {
    name = strip(name);
    email = strip(email);
    category = strip(category);
    subject = strip(subject);
    message = strip(message);
    website = strip(website);
    submission = strip(submission);
  }

  static ContactForm empty() {
    return new ContactForm("", "", "", "", "", "", UUID.randomUUID().toString());
  }

  /** Whether a robot filled in the field people do not see. */
  boolean filledByRobot() {
    return !website.isEmpty();
  }

  /** Each problem by field, as a message key; empty when the form may open a case. */
  Map<String, String> problems(List<String> categories) {
    Map<String, String> problems = new LinkedHashMap<>();
    text(problems, "name", name, LONGEST_NAME);
    text(problems, "email", email, LONGEST_EMAIL);
    if (!problems.containsKey("email") && !EMAIL.matcher(email).matches()) {
      problems.put("email", "contact.error.email");
    }
    if (!categories.isEmpty() && !categories.contains(category)) {
      problems.put("category", "contact.error.category");
    }
    text(problems, "subject", subject, LONGEST_SUBJECT);
    text(problems, "message", message, LONGEST_MESSAGE);
    return problems;
  }

  /** The first name: all but the last word of the name, or the name when it is one word. */
  String firstName() {
    int space = name.lastIndexOf(' ');
    return space < 0 ? name : name.substring(0, space).strip();
  }

  /** The last name: the last word of a name of several words. */
  String lastName() {
    int space = name.lastIndexOf(' ');
    return space < 0 ? "" : name.substring(space + 1);
  }

  private static void text(Map<String, String> problems, String field, String value, int longest) {
    if (value.isEmpty()) {
      problems.put(field, "contact.error." + field + ".blank");
    } else if (value.length() > longest) {
      problems.put(field, "contact.error." + field + ".long");
    }
  }

  private static String strip(String value) {
    return value == null ? "" : value.strip();
  }
}
