package io.servicebook.server.chat;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The widget's API, open to anyone and to other origins (CORS): the pre-chat form, starting a chat
 * (JSON only, so a cross-site form cannot post one), and, with the chat's secret in the {@code
 * X-Chat-Secret} header (a header no cross-site form or link can send), its messages, a transcript
 * by email and answers by email. Rate-limited per IP address.
 */
@RestController
@RequestMapping("/chat/api")
class ChatApiController {

  static final String SECRET = "X-Chat-Secret";

  private final Chats chats;
  private final ChatForms forms;
  private final ChatAvailability availability;
  private final ChatRateLimit limit;
  private final MessageSource messages;
  private final Clock clock;

  ChatApiController(
      Chats chats,
      ChatForms forms,
      ChatAvailability availability,
      ChatRateLimit limit,
      MessageSource messages,
      Clock clock) {
    this.chats = chats;
    this.forms = forms;
    this.availability = availability;
    this.limit = limit;
    this.messages = messages;
    this.clock = clock;
  }

  /** The form for a category (the first one when none is asked), and when someone answers. */
  @GetMapping("/form")
  Map<String, Object> form(
      @RequestParam Optional<String> category, @RequestParam Optional<String> lang) {
    String language = language(lang);
    Locale locale = Locale.forLanguageTag(language);
    List<String> categories = forms.categories();
    String chosen =
        category.filter(categories::contains).orElse(categories.isEmpty() ? "" : categories.get(0));
    ChatForms.Form form = forms.form(chosen, language);
    ChatAvailability.Availability now = availability.of(form.protocol());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("language", language);
    body.put(
        "categories",
        categories.stream().map(c -> Map.of("key", c, "label", categoryLabel(c, locale))).toList());
    body.put("category", chosen);
    body.put("questions", form.questions());
    body.put("online", now.online());
    body.put("answerBy", now.answerBy().map(Object::toString).orElse(null));
    body.put("promise", ChatPromises.promise(now, clock.instant(), locale, messages));
    body.put("texts", texts(locale));
    return body;
  }

  /** The words of the widget, in the customer's language. */
  static final List<String> TEXTS =
      List.of(
          "launcher",
          "title",
          "close",
          "category",
          "name",
          "email",
          "emailHint",
          "emailOffline",
          "message",
          "start",
          "send",
          "transcript",
          "transcriptSent",
          "newChat",
          "conversation",
          "choose",
          "failed",
          "from_customer",
          "from_agent",
          "from_system");

  private Map<String, String> texts(Locale locale) {
    Map<String, String> texts = new LinkedHashMap<>();
    TEXTS.forEach(key -> texts.put(key, messages.getMessage("chat.widget." + key, null, locale)));
    return texts;
  }

  @PostMapping(path = "/chats", consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> start(@RequestBody Chats.Start body, HttpServletRequest request) {
    limit.start(request.getRemoteAddr());
    String language = language(Optional.ofNullable(body.language()));
    Chats.Started started = chats.start(body.normalized(language));
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("chat", started.chatId());
    reply.put("secret", started.secret());
    reply.put("online", started.availability().online());
    reply.put("answerBy", started.availability().answerBy().map(Object::toString).orElse(null));
    reply.put(
        "promise",
        ChatPromises.promise(
            started.availability(), clock.instant(), Locale.forLanguageTag(language), messages));
    return reply;
  }

  record MessageBody(String body, String messageId) {}

  @PostMapping(path = "/chats/{id}/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.ACCEPTED)
  void send(
      @PathVariable String id,
      @RequestHeader(name = SECRET, required = false) String secret,
      @RequestParam Optional<String> lang,
      @RequestBody MessageBody body,
      HttpServletRequest request) {
    limit.message(request.getRemoteAddr());
    chats.send(id, secret, body.body(), body.messageId(), Locale.forLanguageTag(language(lang)));
  }

  @GetMapping("/chats/{id}/messages")
  List<Chats.Line> lines(
      @PathVariable String id,
      @RequestHeader(name = SECRET, required = false) String secret,
      @RequestParam(defaultValue = "-1") int after) {
    return chats.lines(chats.open(id, secret), after);
  }

  @PostMapping("/chats/{id}/transcript")
  @ResponseStatus(HttpStatus.ACCEPTED)
  void transcript(
      @PathVariable String id,
      @RequestHeader(name = SECRET, required = false) String secret,
      @RequestParam Optional<String> lang,
      HttpServletRequest request) {
    limit.message(request.getRemoteAddr());
    chats.transcript(id, secret, Locale.forLanguageTag(language(lang)));
  }

  @PostMapping("/chats/{id}/answers-by-email")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void answersByEmail(
      @PathVariable String id, @RequestHeader(name = SECRET, required = false) String secret) {
    chats.answerByEmail(id, secret);
  }

  private String categoryLabel(String category, Locale locale) {
    return messages.getMessage(
        "chat.category." + category, null, ChatForms.label(category), locale);
  }

  /** The asked language when it is a language tag, else English. */
  static String language(Optional<String> asked) {
    return asked.map(String::strip).filter(Chats::isLanguage).orElse("en");
  }
}
