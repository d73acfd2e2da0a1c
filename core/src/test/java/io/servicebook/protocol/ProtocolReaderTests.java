package io.servicebook.protocol;

import static io.servicebook.testing.Packs.CLEAN;
import static io.servicebook.testing.Packs.cleanWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.diagnostics.Diagnostic;
import io.servicebook.pack.ProtocolPack;
import io.servicebook.testing.Packs;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtocolReaderTests {

  private static List<Diagnostic> errors(String text) {
    return Packs.pack(Map.of("p.yaml", text)).diagnostics().stream()
        .filter(Diagnostic::isError)
        .toList();
  }

  /** The 1-based line of the first line containing {@code snippet}. */
  private static int lineOf(String text, String snippet) {
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(snippet)) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("no line contains " + snippet);
  }

  /** The 1-based column of {@code snippet} on the first line containing it. */
  private static int columnOf(String text, String snippet) {
    return text.lines().toList().get(lineOf(text, snippet) - 1).indexOf(snippet) + 1;
  }

  private static Diagnostic onlyError(String text, String rule) {
    List<Diagnostic> errors = errors(text);
    assertThat(errors).as("errors of %s", rule).extracting(Diagnostic::rule).containsExactly(rule);
    return errors.get(0);
  }

  @Test
  void readsTheCleanProtocolIntoItsModel() {
    ProtocolPack pack = Packs.pack(Map.of("p.yaml", CLEAN));

    assertThat(pack.diagnostics()).isEmpty();
    Protocol p = pack.protocols().get(0);
    assertThat(p.slug()).isEqualTo("return-and-refund");
    assertThat(p.audience()).isEqualTo(Audience.PUBLIC);
    assertThat(p.channels()).containsExactly(Channel.EMAIL, Channel.CHAT);
    assertThat(p.sla().orElseThrow().targets().firstResponse()).contains(Duration.ofHours(2));
    assertThat(p.sla().orElseThrow().onBreach())
        .singleElement()
        .isInstanceOf(Action.Escalate.class);
    assertThat(p.fields().get("reason").values())
        .containsExactly("damaged", "late", "changed_mind");
    assertThat(p.steps())
        .extracting(Step::id)
        .containsExactly("greet", "gather", "eligibility", "label", "decline", "close");
    assertThat(p.step("greet").orElseThrow().title()).contains("Greet the customer");
    assertThat(p.step("eligibility").orElseThrow().decide())
        .extracting(Branch::target)
        .containsExactly("label", "decline");
    Action.Compensate compensate =
        (Action.Compensate) p.step("label").orElseThrow().actions().get(0);
    assertThat(compensate.max()).contains(new BigDecimal("100"));
    assertThat(compensate.approvalAbove()).contains(new BigDecimal("50"));
    assertThat(p.followUp().orElseThrow().after().asElapsed()).contains(Duration.ofDays(2));
    assertThat(p.benchmarks())
        .extracting(Benchmark::kpi)
        .containsExactly(Kpi.CSAT_AVG, Kpi.FIRST_RESPONSE_P90, Kpi.RESOLUTION_RATE);
    assertThat(p.benchmarks().get(1).target()).isEqualByComparingTo("3600");
  }

  @Test
  void reportsYamlSyntaxAtTheBrokenLine() {
    String text = cleanWith("  first_response: PT2H", "  first_response: [PT2H");
    Diagnostic d = errors(text).get(0);
    assertThat(d.rule()).isEqualTo("yaml-syntax");
    assertThat(d.line()).isBetween(lineOf(text, "[PT2H"), lineOf(text, "resolution: PT24H") + 1);
  }

  @Test
  void reportsUnknownKeyWithSuggestion() {
    String text = cleanWith("review_every: P6M", "reviw_every: P6M");
    Diagnostic d = onlyError(text, "unknown-key");
    assertThat(d.line()).isEqualTo(lineOf(text, "reviw_every"));
    assertThat(d.column()).isEqualTo(1);
    assertThat(d.message()).contains("`reviw_every`").contains("Did you mean `review_every`?");
  }

  @Test
  void reportsWrongTypeWithWhatWasExpected() {
    String text = cleanWith("priority: 50", "priority: high");
    Diagnostic d = onlyError(text, "wrong-type");
    assertThat(d.line()).isEqualTo(lineOf(text, "priority: high"));
    assertThat(d.column()).isEqualTo(11);
    assertThat(d.message()).contains("whole number").contains("`high`");
  }

  @Test
  void reportsDuplicateStepIdAtTheSecondOne() {
    String text = cleanWith("  - id: decline", "  - id: label");
    Diagnostic d =
        errors(text).stream()
            .filter(e -> e.rule().equals("duplicate-step"))
            .findFirst()
            .orElseThrow();
    assertThat(d.line()).isEqualTo(lineOf(text, "title: Explain the return window") - 1);
    assertThat(d.message()).contains("first at line " + lineOf(text, "- id: label"));
  }

  @Test
  void reportsGotoToUnknownStep() {
    String text = cleanWith("goto: label", "goto: lable");
    Diagnostic d = onlyError(text, "unknown-step");
    assertThat(d.line()).isEqualTo(lineOf(text, "goto: lable"));
    assertThat(d.message()).contains("Did you mean `label`?");
  }

  @Test
  void reportsNextToUnknownStep() {
    String text =
        cleanWith("    next: close\n  - id: decline", "    next: closing\n  - id: decline");
    Diagnostic d = onlyError(text, "unknown-step");
    assertThat(d.line()).isEqualTo(lineOf(text, "next: closing"));
  }

  @Test
  void reportsConditionSyntaxErrorAtItsLineAndColumn() {
    String text =
        cleanWith(
            "days_since(fields.purchase_date) <= 30", "days_since(fields.purchase_date) <== 30");
    Diagnostic d = onlyError(text, "invalid-condition");
    assertThat(d.line()).isEqualTo(lineOf(text, "<== 30"));
    assertThat(d.column()).isBetween(columnOf(text, "<== 30"), columnOf(text, "<== 30") + 2);
  }

  @Test
  void reportsUnknownFieldInConditionAtTheConditionsLine() {
    String text = cleanWith("days_since(fields.purchase_date)", "days_since(fields.purchased_on)");
    Diagnostic d = onlyError(text, "invalid-condition");
    assertThat(d.line()).isEqualTo(lineOf(text, "fields.purchased_on"));
    assertThat(d.message()).contains("fields.purchased_on");
  }

  @Test
  void refusesAnAppliesWhenThatCouldPassItsCostLimitAtTheLoopsLineAndColumn() {
    String list = "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22]";
    String text =
        cleanWith(
            "applies_when: case.category in [\"return\", \"refund\"]",
            "applies_when: >-\n  case.category == \"refund\" &&\n    "
                + list
                + ".exists(a, case.tags.exists(b, "
                + list
                + ".exists(c, b == string(a + c))))");

    ProtocolPack pack = Packs.pack(Map.of("p.yaml", text));

    List<Diagnostic> errors = pack.diagnostics().stream().filter(Diagnostic::isError).toList();
    assertThat(errors).extracting(Diagnostic::rule).containsExactly("condition-too-costly");
    Diagnostic d = errors.get(0);
    assertThat(d.file()).isEqualTo("p.yaml");
    assertThat(d.line()).isEqualTo(lineOf(text, list + ".exists(a"));
    assertThat(d.column()).isEqualTo(columnOf(text, list + ".exists(a"));
    assertThat(d.message())
        .startsWith("In `applies_when`: This condition could take too long to check")
        .contains("`case.tags` (up to 50 items)")
        .contains("up to 25,322 loop turns");
    assertThat(d.hint()).contains("Take the inner loop out");
    // still read, so that a version published before the check runs (and is flagged) as it was
    assertThat(pack.protocols().get(0).appliesWhen()).isPresent();
  }

  @Test
  void refusesADecisionThatCouldPassItsCostLimit() {
    String text =
        cleanWith(
            "- when: days_since(fields.purchase_date) <= 30",
            "- when: case.tags.all(a, case.tags.all(b, case.tags.all(c, a != b + c)))");

    Diagnostic d = onlyError(text, "condition-too-costly");

    assertThat(d.line()).isEqualTo(lineOf(text, "case.tags.all(a"));
    assertThat(d.column()).isEqualTo(columnOf(text, "case.tags.all(a"));
  }

  @Test
  void refusesAFieldNamedWithAWordConditionsKeepForThemselves() {
    String text =
        cleanWith(
            "  order_number: {type: string,",
            "  return: {type: text}\n  order_number: {type: string,");

    Diagnostic d = onlyError(text, "invalid-value");

    assertThat(d.line()).isEqualTo(lineOf(text, "return: {type: text}"));
    assertThat(d.column()).isEqualTo(3);
    assertThat(d.message()).contains("`return` cannot be a field name");
    assertThat(d.hint()).contains("return_reason");
  }

  @Test
  void reportsUnknownVariableInCondition() {
    String text = cleanWith("applies_when: case.category in", "applies_when: ticket.category in");
    Diagnostic d = onlyError(text, "invalid-condition");
    assertThat(d.line()).isEqualTo(lineOf(text, "ticket.category"));
    assertThat(d.column()).isEqualTo(columnOf(text, "ticket.category"));
    assertThat(d.message()).contains("ticket");
  }

  @Test
  void reportsEnumComparedWithAValueItCannotHave() {
    String text =
        cleanWith(
            "- when: days_since(fields.purchase_date) <= 30",
            "- when: fields.reason == \"broken\"");
    Diagnostic d = errors(text).get(0);
    assertThat(d.line()).isEqualTo(lineOf(text, "\"broken\""));
    assertThat(d.message()).contains("broken").contains("damaged");
  }

  @Test
  void reportsCaptureOfUndeclaredField() {
    String text =
        cleanWith(
            "capture: [order_number, purchase_date, reason]",
            "capture: [order_number, purchase_date, reason, refund_iban]");
    Diagnostic d = onlyError(text, "undeclared-field");
    assertThat(d.line()).isEqualTo(lineOf(text, "refund_iban"));
    assertThat(d.column())
        .isEqualTo(
            lineOf(text, "refund_iban") > 0
                ? text.lines().toList().get(lineOf(text, "refund_iban") - 1).indexOf("refund_iban")
                    + 1
                : 0);
  }

  @Test
  void reportsPlaceholderNamingAnUnknownVariable() {
    String text =
        cleanWith(
            "Could you share your order number, {{customer.first_name",
            "Could you share your order number, {{customer.frist_name");
    Diagnostic d = onlyError(text, "invalid-script");
    assertThat(d.line()).isEqualTo(lineOf(text, "frist_name"));
    assertThat(d.column()).isEqualTo(columnOf(text, "{{customer.frist_name"));
    assertThat(d.message()).contains("customer.first_name");
  }

  @Test
  void reportsInvalidRegexPattern() {
    String text = cleanWith("'^[A-Z0-9-]{6,20}$'", "'^[A-Z0-9-{6,20}$'");
    Diagnostic d = onlyError(text, "invalid-pattern");
    assertThat(d.line()).isEqualTo(lineOf(text, "^[A-Z0-9-{6,20}$"));
  }

  @Test
  void reportsInvalidDuration() {
    String text = cleanWith("review_every: P6M", "review_every: 6 months");
    Diagnostic d = onlyError(text, "invalid-duration");
    assertThat(d.line()).isEqualTo(lineOf(text, "review_every"));
    assertThat(d.message()).contains("6 months");
  }

  @Test
  void reportsWarnAtOutsideZeroToOne() {
    String text = cleanWith("warn_at: 0.75", "warn_at: 1.5");
    Diagnostic d = onlyError(text, "invalid-value");
    assertThat(d.line()).isEqualTo(lineOf(text, "warn_at"));
    assertThat(d.message()).contains("between 0").contains("1.5");
  }

  @Test
  void refusesDayTargetsOnABusinessCalendar() {
    String text = cleanWith("resolution: PT24H", "resolution: P1D");
    Diagnostic d = onlyError(text, "sla-days-on-business-calendar");
    assertThat(d.line()).isEqualTo(lineOf(text, "resolution: P1D"));
    assertThat(d.message()).contains("eu-business");
  }

  @Test
  void acceptsDayTargetsOnAnAlwaysOpenCalendar() {
    String text =
        cleanWith("resolution: PT24H", "resolution: P1D")
            .replace("calendar: eu-business", "calendar: always-open");
    ProtocolPack pack = Packs.pack(Map.of("p.yaml", text));
    assertThat(pack.diagnostics()).isEmpty();
    assertThat(pack.protocols().get(0).sla().orElseThrow().targets().resolution())
        .contains(Duration.ofHours(24));
  }

  @Test
  void reportsMissingCalendar() {
    String text = cleanWith("calendar: eu-business", "calendar: us-business");
    Diagnostic d = onlyError(text, "unknown-calendar");
    assertThat(d.line()).isEqualTo(lineOf(text, "us-business"));
    assertThat(d.message()).contains("eu-business");
  }

  @Test
  void reportsUnknownFragment() {
    Diagnostic d =
        onlyError(cleanWith("include: greeting", "include: greetings"), "unknown-fragment");
    assertThat(d.message()).contains("Did you mean `greeting`?");
  }

  @Test
  void reportsUnknownActionWithSuggestion() {
    String text = cleanWith("action: {resolve: true}", "action: {resolv: true}");
    Diagnostic d = onlyError(text, "unknown-key");
    assertThat(d.line()).isEqualTo(lineOf(text, "resolv: true"));
    assertThat(d.message()).contains("Did you mean `resolve`?");
  }

  @Test
  void readsShortAndLongActionForms() {
    String text =
        cleanWith(
            "action: {resolve: true}",
            "action:\n        - escalate: supervisor\n        - follow_up: P1D\n        - notify: {who: team-lead}\n        - resolve: true");
    ProtocolPack pack = Packs.pack(Map.of("p.yaml", text));
    assertThat(pack.diagnostics()).isEmpty();
    assertThat(pack.protocols().get(0).step("close").orElseThrow().actions())
        .extracting(Action::key)
        .containsExactly("escalate", "follow_up", "notify", "resolve");
  }

  @Test
  void collectsEveryProblemOfAFileNotJustTheFirst() {
    String text =
        CLEAN
            .replace("priority: 50", "priority: high")
            .replace("goto: label", "goto: lable")
            .replace("warn_at: 0.75", "warn_at: 2")
            .replace("review_every: P6M", "review_every: soon");
    assertThat(errors(text))
        .extracting(Diagnostic::rule)
        .contains("wrong-type", "unknown-step", "invalid-value", "invalid-duration");
  }

  @Test
  void readsTheSummaryShownToCustomers() {
    String text =
        cleanWith("audience: public", "audience: public\nsummary: How we handle returns.");
    assertThat(Packs.pack(Map.of("p.yaml", text)).protocols().get(0).summary())
        .contains("How we handle returns.");
  }

  @Test
  void refusesAShortEnumFieldWithoutValues() {
    String text =
        cleanWith(
            "  reason: {type: enum, values: [damaged, late, changed_mind]}", "  reason: enum");
    Diagnostic d = errors(text).get(0);
    assertThat(d.line()).isEqualTo(lineOf(text, "reason: enum"));
    assertThat(d.message()).contains("no `values`");
  }

  @Test
  void reportsValuesOnAFieldThatIsNotAChoiceWithoutCrashing() {
    String text =
        cleanWith(
            "purchase_date: {type: date, required: true}",
            "purchase_date: {type: date, required: true, values: [a, b]}");
    Diagnostic d = onlyError(text, "invalid-value");
    assertThat(d.line()).isEqualTo(lineOf(text, "values: [a, b]"));
    assertThat(d.message()).contains("only applies to `enum`");
  }

  @Test
  void refusesAnEmptyScript() {
    String text = cleanWith("script: {en: \"Thanks!\", es: \"¡Gracias!\"}", "script: {}");
    assertThat(onlyError(text, "missing-key").message()).contains("empty");
  }

  @Test
  void reportsAnEmptyFile() {
    assertThat(onlyError("", "missing-key").message()).contains("empty");
  }

  @Test
  void reportsMissingRequiredKeys() {
    List<Diagnostic> errors = errors("title: Only a title\n");
    assertThat(errors)
        .extracting(Diagnostic::message)
        .anyMatch(m -> m.contains("`protocol`"))
        .anyMatch(m -> m.contains("`steps`"));
  }
}
