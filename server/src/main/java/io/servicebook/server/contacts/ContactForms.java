package io.servicebook.server.contacts;

import io.servicebook.protocol.Channel;
import io.servicebook.protocol.Priority;
import io.servicebook.server.cases.Cases;
import io.servicebook.server.cases.NewCase;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Opens a case on the {@link Channel#WEB web} channel for each contact form a customer sends from
 * the help centre, within the limits per address and per network address; the answer goes out by
 * email like any reply on a web case.
 */
@Service
class ContactForms {

  /** Who opens the case in the audit trail. */
  static final String ACTOR = "help-centre";

  /** The category of a case when no public protocol names any (the form then asks for none). */
  static final String NO_CATEGORY = "general_inquiry";

  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

  private final Cases cases;
  private final Categories categories;
  private final ContactLimits limits;

  ContactForms(Cases cases, Categories categories, ContactLimits limits) {
    this.cases = cases;
    this.categories = categories;
    this.limits = limits;
  }

  /** What a sent form got. */
  sealed interface Outcome {
    /** A case was opened; {@code reference} is what the customer quotes when writing again. */
    record Opened(String caseId, String reference) implements Outcome {}

    /** Nothing was opened: the problems by field, as message keys. */
    record Refused(Map<String, String> problems) implements Outcome {}

    /** Nothing was opened: the address or the network address sent too many forms lately. */
    record Limited(ContactLimits.Reached which) implements Outcome {}

    /** A robot filled in the hidden field: nothing was opened, and it is not told so. */
    record Ignored() implements Outcome {}
  }

  /** The categories the form offers. */
  List<String> categories() {
    return categories.offeredToCustomers();
  }

  Outcome send(ContactForm form, String ip, Locale locale) {
    if (form.filledByRobot()) {
      return new Outcome.Ignored();
    }
    List<String> offered = categories();
    Map<String, String> problems = form.problems(offered);
    if (!problems.isEmpty()) {
      return new Outcome.Refused(problems);
    }
    ContactLimits.Reached reached = limits.check(form.email(), ip);
    if (reached != ContactLimits.Reached.NONE) {
      return new Outcome.Limited(reached);
    }
    Cases.Opening opening =
        cases.open(
            newCase(form, offered.isEmpty() ? NO_CATEGORY : form.category(), locale),
            ACTOR,
            Optional.empty());
    String caseId = ((Cases.Opening.Opened) opening).body().get("id").asString();
    limits.count(form.email(), ip, caseId);
    return new Outcome.Opened(caseId, reference(caseId));
  }

  private static NewCase newCase(ContactForm form, String category, Locale locale) {
    String language = locale.getLanguage();
    return new NewCase(
        Channel.WEB,
        category,
        form.subject(),
        form.message(),
        Priority.NORMAL,
        form.firstName(),
        form.lastName(),
        Optional.of(form.email()),
        Optional.empty(),
        LANGUAGE.matcher(language).matches() ? Optional.of(language) : Optional.empty(),
        Optional.empty());
  }

  /**
   * The reference the thank-you page shows: the case's id until the channels' short case tokens
   * ({@code SB-7QK2K}) exist on this branch.
   */
  private static String reference(String caseId) {
    return caseId;
  }
}
