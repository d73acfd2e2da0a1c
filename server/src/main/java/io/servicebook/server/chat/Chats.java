package io.servicebook.server.chat;

import io.servicebook.cases.CaseStatus;
import io.servicebook.cases.Interaction;
import io.servicebook.protocol.Channel;
import io.servicebook.protocol.Protocol;
import io.servicebook.runs.RunEngine;
import io.servicebook.server.audit.AuditLog;
import io.servicebook.server.cases.Cases;
import io.servicebook.server.cases.StoredCase;
import io.servicebook.server.channels.CaseReferences;
import io.servicebook.server.channels.InboundMessage;
import io.servicebook.server.channels.InboundMessages;
import io.servicebook.server.channels.Outbox;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Chats: a customer starts one from the widget (a case on the chat channel opens through the
 * channels' inbound messages, so it is recorded once and its protocol picked like any case's),
 * writes in it (each line a customer message that starts {@code next_response}), and reads the
 * public conversation since the chat started. The inbox asks which chats wait for a first answer.
 */
@Service
public class Chats {

  static final String SOURCE = "chat";
  static final String ACTOR = "chat-widget";
  static final int MAX_MESSAGE = 5_000;
  static final int MAX_NAME = 200;
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
  private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final InboundMessages inbound;
  private final CaseReferences references;
  private final Cases cases;
  private final Outbox outbox;
  private final ChatRepository repository;
  private final ChatForms forms;
  private final ChatAvailability availability;
  private final TransactionTemplate transactions;
  private final MessageSource messages;
  private final Clock clock;

  Chats(
      InboundMessages inbound,
      CaseReferences references,
      Cases cases,
      Outbox outbox,
      ChatRepository repository,
      ChatForms forms,
      ChatAvailability availability,
      TransactionTemplate transactions,
      MessageSource messages,
      Clock clock) {
    this.inbound = inbound;
    this.references = references;
    this.cases = cases;
    this.outbox = outbox;
    this.repository = repository;
    this.forms = forms;
    this.availability = availability;
    this.transactions = transactions;
    this.messages = messages;
    this.clock = clock;
  }

  /** What the customer filled in before the chat, as the widget sends it. */
  record Start(
      String category,
      String name,
      String email,
      String language,
      Map<String, String> fields,
      String message,
      String messageId) {

    /** Without surrounding blanks or missing texts, in the language given. */
    Start normalized(String language) {
      return new Start(
          category == null ? "" : category.strip(),
          name == null ? "" : name.strip(),
          email,
          language,
          fields == null ? Map.of() : fields,
          message,
          messageId);
    }
  }

  /** A chat started: its id and secret (shown once), and whether someone answers now. */
  record Started(String chatId, String secret, ChatAvailability.Availability availability) {}

  /** One line of the conversation as the customer sees it; {@code seq} orders them. */
  record Line(int seq, String from, String body, Instant at) {}

  /** The cases of chats nobody has answered yet, longest waiting first, for the inbox. */
  public List<String> waiting(int limit) {
    return repository.waiting(limit);
  }

  Started start(Start request) {
    Locale locale = Locale.forLanguageTag(request.language());
    List<ChatErrors.FieldError> errors = new ArrayList<>();
    List<String> categories = forms.categories();
    if (!categories.contains(request.category())) {
      errors.add(
          new ChatErrors.FieldError(
              "category", text("chat.error.category", locale, String.join(", ", categories))));
    }
    if (request.email() == null || !EMAIL.matcher(request.email().strip()).matches()) {
      errors.add(new ChatErrors.FieldError("email", text("chat.error.email", locale)));
    }
    if (request.name() != null && request.name().length() > MAX_NAME) {
      errors.add(new ChatErrors.FieldError("name", text("chat.error.name", locale, MAX_NAME)));
    }
    checkMessage(request.message(), locale, errors);
    checkMessageId(request.messageId(), locale, errors);
    ChatForms.Form form = forms.form(request.category(), request.language());
    Map<String, String> fields = request.fields() == null ? Map.of() : request.fields();
    for (String name : fields.keySet()) {
      if (form.questions().stream().noneMatch(q -> q.name().equals(name))) {
        errors.add(new ChatErrors.FieldError("fields." + name, text("chat.error.field", locale)));
      }
    }
    form.protocol().ifPresent(p -> checkAnswers(p, form, fields, locale, errors));
    if (!errors.isEmpty()) {
      throw new ChatErrors.Invalid(errors);
    }
    ChatAvailability.Availability now = availability.of(form.protocol());
    String chatId = UUID.randomUUID().toString();
    String secret = secret();
    String email = request.email().strip();
    InboundMessage first =
        new InboundMessage(
            Channel.CHAT,
            SOURCE,
            chatId + ":" + request.messageId(),
            InboundMessage.Sender.named(
                request.name() == null ? "" : request.name(),
                Optional.of(email),
                Optional.empty(),
                Optional.of(request.language())),
            "",
            withAnswers(request.message().strip(), form, fields),
            List.of(),
            Optional.empty(),
            request.category(),
            Optional.empty());
    // before the first message, which the customer's view of the chat must include
    Instant startedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    transactions.executeWithoutResult(
        status -> {
          String caseId = inbound.accept(first, ACTOR).caseId();
          repository.insert(
              new ChatRepository.StoredChat(
                  chatId, caseId, hash(secret), email, startedAt, Optional.empty(), !now.online()));
        });
    return new Started(chatId, secret, now);
  }

  /** The customer's next line; refused when the chat's case is closed. */
  void send(String chatId, String secret, String body, String messageId, Locale locale) {
    ChatRepository.StoredChat chat = open(chatId, secret);
    List<ChatErrors.FieldError> errors = new ArrayList<>();
    checkMessage(body, locale, errors);
    checkMessageId(messageId, locale, errors);
    if (!errors.isEmpty()) {
      throw new ChatErrors.Invalid(errors);
    }
    StoredCase stored = cases.find(chat.caseId()).orElseThrow(ChatErrors.NotFound::new);
    if (stored.kase().status() == CaseStatus.CLOSED) {
      throw new ChatErrors.Closed();
    }
    inbound.accept(
        new InboundMessage(
            Channel.CHAT,
            SOURCE,
            chatId + ":" + messageId,
            InboundMessage.Sender.named(
                stored.kase().customer().name(),
                stored.kase().customer().email(),
                Optional.empty(),
                Optional.of(stored.kase().customer().language())),
            "",
            body.strip(),
            List.of(),
            references.token(chat.caseId()),
            stored.kase().category(),
            Optional.empty()),
        ACTOR);
  }

  /** The public conversation since the chat started, after line {@code after}. */
  List<Line> lines(ChatRepository.StoredChat chat, int after) {
    StoredCase stored = cases.find(chat.caseId()).orElseThrow(ChatErrors.NotFound::new);
    List<Interaction> all = stored.kase().interactions();
    List<Line> lines = new ArrayList<>();
    for (int seq = Math.max(after + 1, 0); seq < all.size(); seq++) {
      Interaction i = all.get(seq);
      if (i.visibility() != Interaction.Visibility.PUBLIC || i.at().isBefore(chat.startedAt())) {
        continue;
      }
      String from =
          switch (i.kind()) {
            case INBOUND_MESSAGE -> "customer";
            case OUTBOUND_MESSAGE -> "agent";
            case AUTOMATED_MESSAGE -> "system";
            case CALL, NOTE -> null;
          };
      if (from != null) {
        lines.add(new Line(seq, from, i.body(), i.at()));
      }
    }
    return lines;
  }

  /**
   * The chat the secret opens; the same refusal whether it does not exist or the secret is wrong.
   */
  ChatRepository.StoredChat open(String chatId, String secret) {
    return repository
        .find(chatId)
        .filter(
            chat ->
                secret != null
                    && MessageDigest.isEqual(
                        chat.secretHash().getBytes(StandardCharsets.UTF_8),
                        hash(secret).getBytes(StandardCharsets.UTF_8)))
        .orElseThrow(ChatErrors.NotFound::new);
  }

  /** Sends the customer the conversation so far by email, through the outbox. */
  void transcript(String chatId, String secret, Locale locale) {
    ChatRepository.StoredChat chat = open(chatId, secret);
    StoredCase stored = cases.find(chat.caseId()).orElseThrow(ChatErrors.NotFound::new);
    StringBuilder text = new StringBuilder(text("chat.transcript.intro", locale)).append("\n\n");
    for (Line line : lines(chat, -1)) {
      text.append(text("chat.from." + line.from(), locale))
          .append(" (")
          .append(line.at().truncatedTo(ChronoUnit.MINUTES))
          .append("):\n")
          .append(line.body())
          .append("\n\n");
    }
    transactions.executeWithoutResult(
        status ->
            outbox.enqueue(
                stored.kase(), Optional.empty(), Channel.CHAT, "email", text.toString()));
  }

  /** From now on, the agents' answers in this chat also go to the customer by email. */
  void answerByEmail(String chatId, String secret) {
    repository.answerByEmail(open(chatId, secret).id());
  }

  private static String withAnswers(
      String message, ChatForms.Form form, Map<String, String> fields) {
    StringBuilder body = new StringBuilder(message);
    for (ChatForms.Question q : form.questions()) {
      String value = fields.get(q.name());
      if (value != null && !value.isBlank()) {
        body.append(body.length() == message.length() ? "\n\n" : "\n")
            .append(q.label())
            .append(": ")
            .append(value.strip());
      }
    }
    return body.toString();
  }

  /**
   * The protocol's own checks of each answer, worded for the customer: the field's label where the
   * agent's wording adds its internal name.
   */
  private void checkAnswers(
      Protocol protocol,
      ChatForms.Form form,
      Map<String, String> fields,
      Locale locale,
      List<ChatErrors.FieldError> errors) {
    for (ChatForms.Question q : form.questions()) {
      RunEngine.checkValue(protocol, q.name(), fields.get(q.name()))
          .ifPresent(
              refusal -> {
                List<Object> args = new ArrayList<>(refusal.wording().args());
                args.set(0, q.label());
                errors.add(
                    new ChatErrors.FieldError(
                        "fields." + q.name(),
                        text(refusal.wording().key(), locale, args.toArray())));
              });
    }
  }

  private void checkMessage(String body, Locale locale, List<ChatErrors.FieldError> errors) {
    if (body == null || body.isBlank()) {
      errors.add(new ChatErrors.FieldError("message", text("chat.error.message", locale)));
    } else if (body.length() > MAX_MESSAGE) {
      errors.add(
          new ChatErrors.FieldError(
              "message", text("chat.error.messageLong", locale, MAX_MESSAGE)));
    }
  }

  private void checkMessageId(String id, Locale locale, List<ChatErrors.FieldError> errors) {
    if (id == null || !MESSAGE_ID.matcher(id).matches()) {
      errors.add(new ChatErrors.FieldError("messageId", text("chat.error.messageId", locale)));
    }
  }

  static boolean isLanguage(String tag) {
    return tag != null && LANGUAGE.matcher(tag).matches();
  }

  private String text(String key, Locale locale, Object... args) {
    return messages.getMessage(key, args, key, locale);
  }

  private static String secret() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String hash(String secret) {
    return AuditLog.sha256(secret);
  }
}
