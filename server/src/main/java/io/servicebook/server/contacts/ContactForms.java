package io.servicebook.server.contacts;

import io.servicebook.protocol.Channel;
import io.servicebook.server.audit.AuditLog;
import io.servicebook.server.channels.CaseReferences;
import io.servicebook.server.channels.InboundMessage;
import io.servicebook.server.channels.InboundMessages;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Hands each contact form a customer sends from the help centre to the channels as a message on the
 * {@link Channel#WEB web} channel, within the limits per address and per network address: it opens
 * a case (never threads into one: a form names no case), answered by email like any reply on a web
 * case.
 */
@Service
class ContactForms {

  /** Who opens the case in the audit trail. */
  static final String ACTOR = "help-centre";

  /** Where the messages come from, for the channels' record of what was received. */
  static final String SOURCE = "web:help-centre";

  /** The category of a case when no public protocol names any (the form then asks for none). */
  static final String NO_CATEGORY = "general_inquiry";

  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
  private static final Pattern SUBMISSION = Pattern.compile("[0-9a-f-]{36}");

  private final InboundMessages inbound;
  private final CaseReferences references;
  private final Categories categories;
  private final ContactLimits limits;

  ContactForms(
      InboundMessages inbound,
      CaseReferences references,
      Categories categories,
      ContactLimits limits) {
    this.inbound = inbound;
    this.references = references;
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
    String category = offered.isEmpty() ? NO_CATEGORY : form.category();
    InboundMessages.Accepted accepted = inbound.accept(message(form, category, locale), ACTOR);
    if (accepted.outcome() == InboundMessages.Outcome.OPENED) {
      limits.count(form.email(), ip, accepted.caseId());
    }
    String caseId = accepted.caseId();
    return new Outcome.Opened(caseId, references.token(caseId).orElse(caseId));
  }

  private static InboundMessage message(ContactForm form, String category, Locale locale) {
    String language = locale.getLanguage();
    return new InboundMessage(
        Channel.WEB,
        SOURCE,
        externalId(form),
        new InboundMessage.Sender(
            form.firstName(),
            form.lastName(),
            Optional.of(form.email()),
            Optional.empty(),
            LANGUAGE.matcher(language).matches() ? Optional.of(language) : Optional.empty()),
        form.subject(),
        form.message(),
        List.of(),
        Optional.empty(),
        category,
        Optional.empty());
  }

  /**
   * The form's id together with its address, hashed: sent twice, it is the same message; and a
   * stranger who learnt the form's id cannot see another person's case reference with it.
   */
  private static String externalId(ContactForm form) {
    String submission =
        SUBMISSION.matcher(form.submission()).matches()
            ? form.submission()
            : UUID.randomUUID().toString();
    return AuditLog.sha256(submission + "|" + form.email().toLowerCase(Locale.ROOT));
  }
}
