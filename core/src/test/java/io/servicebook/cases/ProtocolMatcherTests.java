package io.servicebook.cases;

import static io.servicebook.cases.CaseFixtures.aCase;
import static io.servicebook.cases.CaseFixtures.aCustomer;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.pack.ProtocolPack;
import io.servicebook.protocol.Channel;
import io.servicebook.protocol.Protocol;
import io.servicebook.testing.Packs;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProtocolMatcherTests {

  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

  private static String protocol(String slug, int priority, String appliesWhen) {
    return "protocol: "
        + slug
        + "\ntitle: "
        + slug
        + "\npriority: "
        + priority
        + "\n"
        + (appliesWhen.isEmpty() ? "" : "applies_when: '" + appliesWhen + "'\n")
        + "steps:\n  - id: close\n    action: {resolve: true}\n";
  }

  /** Reads the protocols (slug → text), failing on any reading error. */
  private static List<Protocol> published(String... texts) {
    Map<String, String> files = new LinkedHashMap<>();
    for (int i = 0; i < texts.length; i++) {
      files.put("p" + i + ".yaml", texts[i]);
    }
    ProtocolPack pack = Packs.pack(files);
    assertThat(pack.diagnostics().stream().filter(d -> d.isError())).isEmpty();
    return pack.protocols();
  }

  private static List<String> slugs(List<Protocol> protocols) {
    return protocols.stream().map(Protocol::slug).toList();
  }

  @Test
  void picksTheHighestPriorityAndOffersTheOthersInRankingOrder() {
    List<Protocol> published =
        published(
            protocol("general", 0, ""),
            protocol("refund", 50, "case.category == \"refund\""),
            protocol("vip-care", 80, "customer.tier == \"vip\""),
            protocol("email-etiquette", 10, "case.channel == \"email\""));

    ProtocolMatcher.Match match = ProtocolMatcher.match(published, CaseFacts.of(aCase()), NOW);

    assertThat(match.winner()).map(Protocol::slug).contains("refund");
    assertThat(slugs(match.alternatives())).containsExactly("email-etiquette", "general");
    assertThat(match.notEvaluated()).isEmpty();
  }

  @Test
  void aProtocolWithoutAppliesWhenAlwaysApplies() {
    ProtocolMatcher.Match match =
        ProtocolMatcher.match(published(protocol("general", 0, "")), CaseFacts.of(aCase()), NOW);

    assertThat(match.winner()).map(Protocol::slug).contains("general");
  }

  @Test
  void noProtocolAppliesWhenNoConditionHolds() {
    ProtocolMatcher.Match match =
        ProtocolMatcher.match(
            published(protocol("billing", 50, "case.category == \"billing\"")),
            CaseFacts.of(aCase()),
            NOW);

    assertThat(match.winner()).isEmpty();
    assertThat(match.alternatives()).isEmpty();
  }

  @Test
  void onEqualPriorityTheMoreSpecificConditionWins() {
    List<Protocol> published =
        published(
            protocol("a-refund", 50, "case.category == \"refund\""),
            protocol(
                "b-refund-by-email",
                50,
                "case.category == \"refund\" && case.channel == \"email\""),
            protocol("c-anything", 50, ""));

    ProtocolMatcher.Match match = ProtocolMatcher.match(published, CaseFacts.of(aCase()), NOW);

    assertThat(match.winner()).map(Protocol::slug).contains("b-refund-by-email");
    assertThat(slugs(match.alternatives())).containsExactly("a-refund", "c-anything");
  }

  @Test
  void onEqualPriorityAndSpecificityTheSlugDecidesWhateverTheListOrder() {
    String zebra = protocol("zebra", 50, "case.category == \"refund\"");
    String apple = protocol("apple", 50, "case.channel == \"email\"");

    ProtocolMatcher.Match oneWay =
        ProtocolMatcher.match(published(zebra, apple), CaseFacts.of(aCase()), NOW);
    ProtocolMatcher.Match otherWay =
        ProtocolMatcher.match(published(apple, zebra), CaseFacts.of(aCase()), NOW);

    assertThat(oneWay.winner()).map(Protocol::slug).contains("apple");
    assertThat(otherWay.winner()).map(Protocol::slug).contains("apple");
  }

  @Test
  void aConditionThatCannotBeEvaluatedMeansDoesNotApplyAndIsReported() {
    Case withoutPhone =
        aCase(
            new Customer(
                "c",
                "Ana",
                "G",
                Optional.of("a@example.com"),
                java.util.Optional.empty(),
                "en",
                "vip",
                java.math.BigDecimal.ZERO),
            Channel.PHONE,
            "refund");
    List<Protocol> published =
        published(
            protocol("callers", 90, "customer.phone.startsWith(\"+34\")"),
            protocol("general", 0, ""));

    ProtocolMatcher.Match match = ProtocolMatcher.match(published, CaseFacts.of(withoutPhone), NOW);

    assertThat(match.winner()).map(Protocol::slug).contains("general");
    assertThat(match.notEvaluated())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.slug()).isEqualTo("callers");
              assertThat(n.message()).isNotBlank();
            });
  }

  @Test
  void aCallerWithoutEmailIsMatchedAndAConditionOnTheEmailDoesNotApply() {
    Case caller =
        aCase(
            new Customer(
                "c",
                "Ana",
                "G",
                Optional.empty(),
                Optional.of("+34600111222"),
                "en",
                "standard",
                java.math.BigDecimal.ZERO),
            Channel.PHONE,
            "refund");
    List<Protocol> published =
        published(
            protocol("staff", 90, "customer.email.endsWith(\"@acme.example\")"),
            protocol("general", 0, ""));

    ProtocolMatcher.Match match = ProtocolMatcher.match(published, CaseFacts.of(caller), NOW);

    assertThat(match.winner()).map(Protocol::slug).contains("general");
    assertThat(CaseFacts.of(caller).customerValues()).doesNotContainKey("email");
    assertThat(match.notEvaluated()).extracting(n -> n.slug()).containsExactly("staff");
  }

  @Test
  void theCustomersTierTakesPart() {
    List<Protocol> published = published(protocol("vip-care", 80, "customer.tier == \"vip\""));

    assertThat(
            ProtocolMatcher.match(
                    published,
                    CaseFacts.of(aCase(aCustomer("en", "vip"), Channel.EMAIL, "refund")),
                    NOW)
                .winner())
        .isPresent();
  }

  /**
   * An applies_when that runs past its cost limit on every case: three nested loops of 30 items.
   * The reader refuses it for publishing, but a version published before the check still runs.
   */
  private static final String TOO_COSTLY =
      "[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30]"
          + ".exists(a, [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,"
          + "27,28,29,30].exists(b, [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,"
          + "23,24,25,26,27,28,29,30].exists(c, a + b + c == 1000)))";

  /** Reads the protocols as a server reads a version published before the cost check. */
  private static List<Protocol> publishedBeforeTheCostCheck(String... texts) {
    Map<String, String> files = new LinkedHashMap<>();
    for (int i = 0; i < texts.length; i++) {
      files.put("p" + i + ".yaml", texts[i]);
    }
    ProtocolPack pack = Packs.pack(files);
    assertThat(pack.diagnostics().stream().filter(d -> d.isError()))
        .extracting(d -> d.rule())
        .containsOnly("condition-too-costly");
    return pack.protocols();
  }

  @Test
  void aStoppedConditionThatMightHaveWonLeavesTheChoiceToAPerson() {
    List<Protocol> published =
        publishedBeforeTheCostCheck(
            protocol("vip-refund", 90, TOO_COSTLY),
            protocol("refund", 50, "case.category == \"refund\""),
            protocol("general", 5, ""));

    ProtocolMatcher.Match match = ProtocolMatcher.match(published, CaseFacts.of(aCase()), NOW);

    assertThat(match.winner()).isEmpty();
    assertThat(match.needsAPerson()).isTrue();
    assertThat(slugs(match.alternatives())).containsExactly("refund", "general");
    assertThat(match.stopped())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.protocol().slug()).isEqualTo("vip-refund");
              assertThat(s.condition().position().line()).isEqualTo(4);
              assertThat(s.message()).contains("stopped");
            });
  }

  @Test
  void aStoppedConditionRankedBelowTheWinnerChangesNothingButIsReported() {
    List<Protocol> published =
        publishedBeforeTheCostCheck(
            protocol("refund", 50, "case.category == \"refund\""),
            protocol("odd-one", 10, TOO_COSTLY));

    ProtocolMatcher.Match match = ProtocolMatcher.match(published, CaseFacts.of(aCase()), NOW);

    assertThat(match.winner()).map(Protocol::slug).contains("refund");
    assertThat(match.needsAPerson()).isFalse();
    assertThat(match.stopped()).extracting(s -> s.protocol().slug()).containsExactly("odd-one");
  }
}
