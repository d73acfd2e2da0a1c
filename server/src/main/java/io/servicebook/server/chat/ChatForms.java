package io.servicebook.server.chat;

import io.servicebook.cases.Case;
import io.servicebook.cases.CaseFacts;
import io.servicebook.cases.Customer;
import io.servicebook.cases.ProtocolMatcher;
import io.servicebook.protocol.Audience;
import io.servicebook.protocol.Channel;
import io.servicebook.protocol.Field;
import io.servicebook.protocol.FieldType;
import io.servicebook.protocol.Priority;
import io.servicebook.protocol.Protocol;
import io.servicebook.protocol.Step;
import io.servicebook.server.protocols.ProtocolCatalog;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The pre-chat form, derived from the protocol a chat of the category would run: it asks the
 * customer what that protocol's first steps capture (the fields of the first step that captures
 * anything), with the fields' own types and rules, so there is no second form to maintain.
 */
@Component
class ChatForms {

  private final ProtocolCatalog catalog;
  private final Clock clock;
  private final String tier;

  ChatForms(
      ProtocolCatalog catalog,
      Clock clock,
      @Value("${servicebook.customer.tiers:standard}") List<String> tiers) {
    this.catalog = catalog;
    this.clock = clock;
    this.tier = tiers.isEmpty() ? "standard" : tiers.getFirst().strip().toLowerCase(Locale.ROOT);
  }

  /** One question of the form: a protocol field as the customer sees it. */
  record Question(String name, String label, String type, boolean required, List<String> values) {}

  /** The form for a category: the protocol a chat would run, and what it asks. */
  record Form(String category, Optional<Protocol> protocol, List<Question> questions) {}

  /**
   * The categories a customer can pick: those the published public protocols that take chats name
   * in their {@code applies_when} ({@code case.category}), sorted.
   */
  List<String> categories() {
    TreeSet<String> categories = new TreeSet<>();
    for (var published : catalog.latestOfEach()) {
      Protocol protocol = catalog.model(published);
      boolean takesChats =
          protocol.channels().isEmpty() || protocol.channels().contains(Channel.CHAT);
      if (protocol.audience() != Audience.PUBLIC || !takesChats) {
        continue;
      }
      protocol
          .appliesWhen()
          .map(c -> c.compiled().comparedLiterals().get("case.category"))
          .ifPresent(values -> values.forEach(v -> categories.add(String.valueOf(v))));
    }
    return List.copyOf(categories);
  }

  Form form(String category, String language) {
    Optional<Protocol> protocol = match(category, language);
    List<Question> questions = new ArrayList<>();
    protocol.ifPresent(p -> firstCaptures(p).forEach(name -> questions.add(question(p, name))));
    return new Form(category, protocol, questions);
  }

  /** The protocol a new chat case of this category and language would run, if any. */
  private Optional<Protocol> match(String category, String language) {
    Instant now = clock.instant();
    Customer someone =
        new Customer(
            "pre-chat",
            "",
            "",
            Optional.empty(),
            Optional.empty(),
            language,
            tier,
            BigDecimal.ZERO);
    Case preview =
        Case.open("pre-chat", someone, Channel.CHAT, category, "", Priority.NORMAL, "chat", now)
            .after();
    List<Protocol> models = catalog.latestOfEach().stream().map(catalog::model).toList();
    return ProtocolMatcher.match(models, CaseFacts.of(preview), now).winner();
  }

  /**
   * The fields the first step that captures anything asks for: the steps before it (a greeting) ask
   * nothing, and the later ones (a photo of the damage, a decision) depend on the answers or are
   * for the agent to record.
   */
  static List<String> firstCaptures(Protocol protocol) {
    return protocol.steps().stream()
        .map(Step::capture)
        .filter(capture -> !capture.isEmpty())
        .findFirst()
        .orElse(List.of());
  }

  private static Question question(Protocol protocol, String name) {
    Field field = protocol.fields().get(name);
    if (field == null) {
      return new Question(name, label(name), "string", false, List.of());
    }
    List<String> values = field.type() == FieldType.BOOLEAN ? List.of("yes", "no") : field.values();
    return new Question(
        name, field.label().orElse(label(name)), field.type().key(), field.required(), values);
  }

  /** A key such as {@code order_status} as words: "Order status". */
  static String label(String key) {
    String words = key.replace('_', ' ').replace('-', ' ').strip();
    return words.isEmpty()
        ? key
        : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
  }
}
