package io.servicebook.server.channels;

import io.servicebook.cases.CaseStatus;
import io.servicebook.protocol.Priority;
import io.servicebook.server.cases.Cases;
import io.servicebook.server.cases.NewCase;
import io.servicebook.server.cases.StoredCase;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns what channel adapters receive into cases: a message threads into the case it answers (by
 * the ids it references, then by the case token it names) or opens a new one; the same message
 * handed in twice is recorded once, in the same transaction as the case, so a re-fetch after a
 * crash or a retried webhook never opens or adds twice.
 */
@Service
public class InboundMessages {

  /** What became of a message. */
  public enum Outcome {
    /** It opened a new case. */
    OPENED,
    /** It was added to the conversation of the case it answers. */
    THREADED,
    /** It was handed in before; nothing changed. */
    DUPLICATE
  }

  /**
   * The case the message is now part of, its interaction on the timeline (empty for a duplicate
   * whose first arrival was recorded without one), and what happened.
   */
  public record Accepted(String caseId, Optional<Long> interactionId, Outcome outcome) {}

  private final Cases cases;
  private final CaseReferences references;
  private final InboundRepository repository;
  private final TransactionTemplate transactions;
  private final Clock clock;

  InboundMessages(
      Cases cases,
      CaseReferences references,
      InboundRepository repository,
      TransactionTemplate transactions,
      Clock clock) {
    this.cases = cases;
    this.references = references;
    this.repository = repository;
    this.transactions = transactions;
    this.clock = clock;
  }

  /**
   * Threads the message into its case or opens one, in a transaction of its own, retried when it
   * lost a race against the same message handed in at once.
   *
   * @throws IllegalArgumentException when the sender cannot be a customer (no address to answer)
   */
  public Accepted accept(InboundMessage message, String actor) {
    return Cases.retryingLostRaces(() -> transactions.execute(status -> record(message, actor)));
  }

  private Accepted record(InboundMessage message, String actor) {
    Optional<InboundRepository.Recorded> earlier =
        repository.find(message.source(), message.externalId());
    if (earlier.isPresent()) {
      return new Accepted(earlier.get().caseId(), earlier.get().interactionId(), Outcome.DUPLICATE);
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Optional<StoredCase> answered = answeredCase(message).filter(InboundMessages::takesMessages);
    String caseId;
    Outcome outcome;
    if (answered.isPresent()) {
      caseId = answered.get().kase().id();
      cases.changeBySystem(caseId, actor, cases.customerMessage(message.body(), message.channel()));
      outcome = Outcome.THREADED;
    } else {
      caseId = cases.openInTransaction(newCase(message), actor);
      message
          .team()
          .ifPresent(
              team ->
                  cases.changeBySystem(
                      caseId,
                      actor,
                      kase ->
                          kase.assign(kase.assignee(), Optional.of(team), actor, clock.instant())));
      outcome = Outcome.OPENED;
    }
    long interaction = repository.latestInboundInteraction(caseId);
    repository.insert(
        message.source(), message.externalId(), caseId, interaction, outcome.name(), now);
    return new Accepted(caseId, Optional.of(interaction), outcome);
  }

  /** A closed case takes no more messages: an answer to it opens a new case. */
  private static boolean takesMessages(StoredCase stored) {
    return stored.kase().status() != CaseStatus.CLOSED;
  }

  private Optional<StoredCase> answeredCase(InboundMessage message) {
    List<String> newestFirst = message.references().reversed();
    Optional<String> byReference = repository.caseOfMessage(newestFirst);
    return byReference
        .or(() -> message.caseToken().flatMap(references::caseOf))
        .or(() -> ongoingConversation(message))
        // a case merged into another: the surviving case takes its mail
        .map(cases::survivorOf)
        .flatMap(cases::find);
  }

  /**
   * On a channel without threading headers (SMS, social, chat) the sender's next message belongs to
   * their latest case on that channel that is not resolved or closed.
   */
  private Optional<String> ongoingConversation(InboundMessage message) {
    return switch (message.channel()) {
      case SMS, SOCIAL, CHAT ->
          repository.ongoingCase(
              message.channel(), message.sender().email(), message.sender().phone());
      case EMAIL, PHONE, VIDEO, IN_PERSON, LETTER, WEB -> Optional.empty();
    };
  }

  private static NewCase newCase(InboundMessage message) {
    InboundMessage.Sender sender = message.sender();
    if (sender.email().isEmpty() && !NewCase.WITHOUT_EMAIL.contains(message.channel())) {
      throw new IllegalArgumentException(
          "A message that opens a case on "
              + message.channel().key()
              + " needs the sender's email address.");
    }
    String subject = message.subject().isBlank() ? firstLine(message.body()) : message.subject();
    return new NewCase(
        message.channel(),
        message.category(),
        subject,
        message.body(),
        Priority.NORMAL,
        sender.firstName(),
        sender.lastName(),
        sender.email(),
        sender.phone(),
        sender.language(),
        Optional.empty());
  }

  private static String firstLine(String body) {
    String line = body.strip().lines().findFirst().orElse("(no subject)");
    return line.length() > 120 ? line.substring(0, 117) + "..." : line;
  }

  /**
   * The external ids of the messages a case received through adapters, oldest first (the mail
   * adapter answers with them as References).
   */
  public List<String> externalIds(String caseId) {
    return repository.externalIds(caseId);
  }
}
