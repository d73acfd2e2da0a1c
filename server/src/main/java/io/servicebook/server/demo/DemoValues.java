package io.servicebook.server.demo;

import io.servicebook.protocol.Branch;
import io.servicebook.protocol.Field;
import io.servicebook.protocol.Protocol;
import io.servicebook.protocol.Step;
import io.servicebook.runs.RunEngine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a demo agent types into the fields a step captures: order and invoice numbers of the shape
 * the field's pattern asks for, an option of the field's list, amounts within its bounds, dates
 * around the case's, the customer's own e-mail and phone, a sentence or two for text. Values come
 * typed as the run engine keeps them ({@code Long}, {@code BigDecimal}, {@code LocalDate}…), and
 * each one passes the engine's own check of its field.
 */
final class DemoValues {

  /** How many optional fields in a hundred the agent fills in. */
  private static final int OPTIONAL_FILLED = 80;

  private static final List<String> PRODUCTS =
      List.of("Kettle Classic", "Smart plug S2", "Router AX3000", "Family plan", "Premium plan");

  /** Sentences for text fields, by a word of the field's name; the first word found counts. */
  private static final List<Map.Entry<String, List<String>>> TEXTS =
      List.of(
          Map.entry(
              "summary",
              List.of(
                  "The parcel arrived damaged and the customer wants it sorted out this week.",
                  "The customer was charged twice for one order and asks for the money back.",
                  "The app closes when the customer opens the order history.")),
          Map.entry(
              "action",
              List.of(
                  "We send a replacement by express delivery and refund the shipping cost.",
                  "We refund the duplicate charge to the original card within five days.",
                  "A technician calls the customer tomorrow morning to fix the setup.")),
          Map.entry(
              "solution",
              List.of(
                  "Replace the item and send a prepaid return label.",
                  "Reset the account and walk the customer through the first login.")),
          Map.entry(
              "tried",
              List.of(
                  "Restarted the device, reinstalled the app and checked the account settings;"
                      + " nothing helped.",
                  "Cleared the cache and signed out and in again; the error comes back.")),
          Map.entry(
              "attempts",
              List.of(
                  "Explained the charge twice and offered a voucher; the customer still asks for"
                      + " a manager.",
                  "Rebooked the technician twice; both visits were missed.")),
          Map.entry(
              "error",
              List.of("Error 503: service temporarily unavailable", "Sync failed (code E42)")),
          Map.entry(
              "outcome",
              List.of("A full refund and an apology", "A replacement before the weekend")),
          Map.entry(
              "comment",
              List.of(
                  "Everything works fine now, thank you.",
                  "Delivery was late, but the product is great.")),
          Map.entry(
              "note", List.of("Approved as a goodwill gesture for a long-standing customer.")),
          Map.entry("topic", List.of("A late delivery", "A question about the invoice")));

  private DemoValues() {}

  /** The customer the agent is talking to, as the fields can show them. */
  record Customer(String firstName, String lastName, String email, String phone, String language) {}

  /**
   * The values the agent submits on {@code step} at {@code at}, by field name; an optional field
   * now and then left empty (never one a condition reads), and a field no value of which this class
   * can find left out.
   */
  static Map<String, Object> forStep(
      Protocol protocol, Step step, Customer who, Instant at, RandomGenerator random) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (String name : step.capture()) {
      Field field = protocol.fields().get(name);
      boolean always = field != null && field.required() || decides(protocol, name);
      if (!always && random.nextInt(100) >= OPTIONAL_FILLED) {
        continue;
      }
      Optional<Object> value =
          field == null ? Optional.of(sentence(name, random)) : value(field, who, at, random);
      value
          .filter(v -> RunEngine.checkValue(protocol, name, text(v)).isEmpty())
          .ifPresent(v -> values.put(name, v));
    }
    return values;
  }

  /**
   * Whether a condition of the protocol (a branch or an action's {@code when}) reads the field:
   * left empty, the run could not decide there.
   */
  static boolean decides(Protocol protocol, String name) {
    String read = "fields." + name;
    return protocol.steps().stream()
        .flatMap(
            step ->
                Stream.concat(
                    step.decide().stream()
                        .filter(Branch.When.class::isInstance)
                        .map(b -> ((Branch.When) b).when()),
                    step.actions().stream().flatMap(a -> a.when().stream())))
        .anyMatch(condition -> condition.expression().contains(read));
  }

  /** A value as the agent types it into the form. */
  static String text(Object value) {
    return switch (value) {
      case BigDecimal decimal -> decimal.toPlainString();
      default -> value.toString();
    };
  }

  private static Optional<Object> value(
      Field field, Customer who, Instant at, RandomGenerator random) {
    return switch (field.type()) {
      case STRING, TEXT -> text(field, who, random).map(Object.class::cast);
      case NUMBER -> Optional.of(amount(field, random).setScale(1, RoundingMode.HALF_UP));
      case MONEY -> Optional.of(amount(field, random).setScale(2, RoundingMode.HALF_UP));
      case INTEGER -> Optional.of(amount(field, random).longValue());
      case BOOLEAN -> Optional.of(random.nextInt(100) < 75);
      case DATE -> Optional.of(date(field, at, random));
      case DATETIME -> Optional.of(callback(at, random));
      case EMAIL -> Optional.of(who.email());
      case PHONE -> Optional.of(who.phone().replaceAll("[\\s().-]", ""));
      case ENUM -> option(field, who, random);
    };
  }

  private static Optional<Object> option(Field field, Customer who, RandomGenerator random) {
    if (field.values().isEmpty()) {
      return Optional.empty();
    }
    if (field.name().contains("language") && field.values().contains(who.language())) {
      return Optional.of(who.language());
    }
    return Optional.of(field.values().get(random.nextInt(field.values().size())));
  }

  /**
   * A number between the field's bounds, mostly a small one: a disputed amount of up to 10 000 is
   * usually under 150.
   */
  private static BigDecimal amount(Field field, RandomGenerator random) {
    BigDecimal least = field.min().orElse(BigDecimal.ZERO);
    BigDecimal most = field.max().orElse(least.add(BigDecimal.valueOf(500)));
    BigDecimal span = most.subtract(least);
    if (span.compareTo(BigDecimal.valueOf(20)) <= 0) {
      return least.add(BigDecimal.valueOf(random.nextInt(span.intValue() + 1)));
    }
    BigDecimal typical = span.min(BigDecimal.valueOf(random.nextInt(10) == 0 ? 1_000 : 150));
    BigDecimal value = least.add(typical.multiply(BigDecimal.valueOf(random.nextDouble())));
    return value.max(least).min(most).setScale(0, RoundingMode.CEILING).min(most);
  }

  /** A moment agreed with the customer: on one of the next two days, in office hours (UTC). */
  private static Instant callback(Instant at, RandomGenerator random) {
    return at.truncatedTo(ChronoUnit.DAYS)
        .plus(Duration.ofDays(1 + random.nextInt(2)))
        .plus(Duration.ofHours(9 + random.nextInt(8)));
  }

  /** A promise lies a few days after the case; anything else (a purchase, a charge) before it. */
  private static LocalDate date(Field field, Instant at, RandomGenerator random) {
    LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
    boolean ahead = field.name().matches(".*(resolution|promise|callback|due).*");
    return ahead ? day.plusDays(1 + random.nextInt(7)) : day.minusDays(1 + random.nextInt(40));
  }

  private static Optional<String> text(Field field, Customer who, RandomGenerator random) {
    String text = withinLength(field, byName(field.name(), who, random));
    if (field.pattern().isPresent() && !fits(field.pattern().get(), text)) {
      return DemoPatterns.sample(field.pattern().get(), random)
          .map(sampled -> withinLength(field, sampled));
    }
    return Optional.of(text);
  }

  /** What a field of this name usually holds: an order number, a link, the customer's name… */
  private static String byName(String name, Customer who, RandomGenerator random) {
    if (name.contains("order")) {
      return "ORD-" + digits(6, random);
    }
    if (name.contains("invoice")) {
      return "INV-" + digits(8, random);
    }
    if (name.contains("incident")) {
      return "INC-" + digits(5, random);
    }
    if (name.contains("bug")) {
      return "BUG-" + digits(4, random);
    }
    if (name.contains("post") && name.contains("url")) {
      return "https://social.example.com/" + ascii(who.firstName()) + "/posts/" + digits(9, random);
    }
    if (name.contains("url")) {
      return "https://shop.example.com/orders/" + digits(6, random);
    }
    if (name.contains("handle")) {
      return "@" + ascii(who.firstName() + "_" + who.lastName());
    }
    if (name.contains("name")) {
      return who.firstName();
    }
    if (name.contains("product")) {
      return PRODUCTS.get(random.nextInt(PRODUCTS.size()));
    }
    return sentence(name, random);
  }

  private static boolean fits(String pattern, String text) {
    return Pattern.compile(pattern).matcher(text).find();
  }

  private static String sentence(String name, RandomGenerator random) {
    return TEXTS.stream()
        .filter(e -> name.contains(e.getKey()))
        .map(Map.Entry::getValue)
        .findFirst()
        .map(texts -> texts.get(random.nextInt(texts.size())))
        .orElse("Noted with the customer during the conversation.");
  }

  /** The text padded to the field's least length and cut to its most. */
  private static String withinLength(Field field, String text) {
    String padded = text;
    int least = field.min().map(BigDecimal::intValue).orElse(0);
    while (padded.length() < least) {
      padded = padded + " More in the conversation.";
    }
    int most = field.max().map(BigDecimal::intValue).orElse(Integer.MAX_VALUE);
    return padded.length() > most ? padded.substring(0, most).strip() : padded;
  }

  private static String digits(int count, RandomGenerator random) {
    StringBuilder digits = new StringBuilder();
    digits.append(1 + random.nextInt(9));
    for (int i = 1; i < count; i++) {
      digits.append(random.nextInt(10));
    }
    return digits.toString();
  }

  private static String ascii(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFD)
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9_.]", "");
  }
}
