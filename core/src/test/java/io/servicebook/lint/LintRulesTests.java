package io.servicebook.lint;

import static io.servicebook.testing.Packs.CLEAN;
import static io.servicebook.testing.Packs.cleanWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.diagnostics.Diagnostic;
import io.servicebook.diagnostics.Rule;
import io.servicebook.diagnostics.Severity;
import io.servicebook.testing.Packs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One test per lint rule: the clean fixture with one mistake, and the rule that finds it. */
class LintRulesTests {

  private static List<String> rules(String protocol) {
    return Packs.lint(protocol).stream().map(Diagnostic::rule).toList();
  }

  private static Diagnostic finding(String protocol, Rule rule) {
    List<Diagnostic> all = Packs.lint(protocol);
    assertThat(all).extracting(Diagnostic::rule).contains(rule.id());
    assertThat(all).noneMatch(d -> d.isError() && d.rule().equals("invalid-condition"));
    return all.stream().filter(d -> d.rule().equals(rule.id())).findFirst().orElseThrow();
  }

  /** Replaces the n-th (1-based) occurrence of {@code from}. */
  private static String replaceNth(String text, String from, String to, int n) {
    int at = -1;
    for (int i = 0; i < n; i++) {
      at = text.indexOf(from, at + 1);
      assertThat(at).as("occurrence %d of %s", n, from).isNotNegative();
    }
    return text.substring(0, at) + to + text.substring(at + from.length());
  }

  @Test
  void cleanProtocolHasNoFindings() {
    assertThat(Packs.lint(CLEAN)).isEmpty();
  }

  @Test
  void findsUnreachableStep() {
    Diagnostic d =
        finding(
            cleanWith("- otherwise: decline", "- otherwise: close"), LintRules.UNREACHABLE_STEP);
    assertThat(d.message()).contains("`decline`");
    assertThat(d.severity()).isEqualTo(Severity.WARNING);
  }

  @Test
  void findsDeadEnd() {
    Diagnostic d = finding(cleanWith("    action: {resolve: true}\n", ""), LintRules.DEAD_END);
    assertThat(d.message()).contains("`close`");
    assertThat(d.isError()).isTrue();
  }

  @Test
  void findsLoopWithNoExit() {
    String looping =
        replaceNth(
            replaceNth(CLEAN, "next: close", "next: decline", 1), "next: close", "next: label", 1);
    Diagnostic d = finding(looping, LintRules.ENDLESS_LOOP);
    assertThat(d.message()).contains("label").contains("decline");
    assertThat(rules(looping)).doesNotContain(LintRules.DEAD_END.id());
  }

  @Test
  void doesNotFlagALoopThatCanBeLeft() {
    String retry =
        cleanWith(
            "- otherwise: decline",
            "- choice: Try again\n        goto: gather\n      - otherwise: decline");
    assertThat(rules(retry)).doesNotContain(LintRules.ENDLESS_LOOP.id());
  }

  @Test
  void findsDecisionWithoutOtherwise() {
    String text =
        cleanWith(
            "- otherwise: decline",
            "- when: days_since(fields.purchase_date) > 30\n        goto: decline");
    assertThat(finding(text, LintRules.DECIDE_WITHOUT_OTHERWISE).message())
        .contains("`eligibility`");
  }

  @Test
  void acceptsAgentChoicesWithoutOtherwise() {
    String text =
        cleanWith(
            "- when: days_since(fields.purchase_date) <= 30\n        goto: label\n      - otherwise: decline",
            "- choice: Eligible\n        goto: label\n      - choice: Not eligible\n        goto: decline");
    assertThat(rules(text)).doesNotContain(LintRules.DECIDE_WITHOUT_OTHERWISE.id());
  }

  @Test
  void findsMissingEscalationPath() {
    String text =
        cleanWith("on_breach: [{escalate: team-lead}]", "on_breach: [{notify: team-lead}]")
            .replace(
                "action: {escalate: {to: supervisor, when: 'customer.tier == \"vip\"'}}",
                "action: {notify: supervisor}");
    finding(text, LintRules.NO_ESCALATION);
  }

  @Test
  void findsMissingFollowUp() {
    finding(
        cleanWith(
            "follow_up: {after: P2D, channel: email, script: {en: \"Did your refund arrive?\"}}\n",
            ""),
        LintRules.NO_FOLLOW_UP);
  }

  @Test
  void acceptsAFollowUpActionInsteadOfTheKey() {
    String text =
        cleanWith(
                "follow_up: {after: P2D, channel: email, script: {en: \"Did your refund arrive?\"}}\n",
                "")
            .replace("action: {resolve: true}", "action: [{follow_up: P3D}, {resolve: true}]");
    assertThat(rules(text)).doesNotContain(LintRules.NO_FOLLOW_UP.id());
  }

  @Test
  void findsMissingFeedback() {
    finding(cleanWith("feedback: {survey: csat, send: on_resolve}\n", ""), LintRules.NO_FEEDBACK);
  }

  @Test
  void findsMissingBenchmarks() {
    finding(
        cleanWith(
            "benchmarks: {csat_avg: \">= 4.5\", first_response_p90: \"<= PT1H\", resolution_rate: \">= 0.9\"}\n",
            ""),
        LintRules.NO_BENCHMARKS);
  }

  @Test
  void findsRigidProtocol() {
    finding(cleanWith("skippable: true", "skippable: false"), LintRules.RIGID);
  }

  @Test
  void findsReviewIntervalLongerThanSixMonths() {
    Diagnostic d =
        finding(cleanWith("review_every: P6M", "review_every: P1Y"), LintRules.REVIEW_INTERVAL);
    assertThat(d.line()).isEqualTo(5);
  }

  @Test
  void findsMissingReviewInterval() {
    finding(cleanWith("review_every: P6M\n", ""), LintRules.REVIEW_INTERVAL);
  }

  @Test
  void findsScriptMissingForADeclaredLanguage() {
    Diagnostic d =
        finding(
            cleanWith("script: {en: \"Thanks!\", es: \"¡Gracias!\"}", "script: {en: \"Thanks!\"}"),
            LintRules.MISSING_SCRIPT);
    assertThat(d.message()).contains("`es`");
  }

  @Test
  void findsScriptMissingForADeclaredChannel() {
    String text =
        cleanWith(
            "script: {en: \"Thanks!\", es: \"¡Gracias!\"}",
            "script: {en: {email: \"Thank you for writing.\"}, es: \"¡Gracias!\"}");
    assertThat(finding(text, LintRules.MISSING_SCRIPT).message()).contains("chat");
  }

  @Test
  void findsScriptTooLongForItsChannel() {
    String longText = "We are sorry for the trouble. ".repeat(12);
    Diagnostic d =
        finding(
            cleanWith("{en: \"Thanks!\",", "{en: \"" + longText + "\","),
            LintRules.SCRIPT_TOO_LONG);
    assertThat(d.message()).contains("chat");
  }

  @Test
  void measuresAWebScriptAgainstTheWebChannel() {
    String emailLength = "We are sorry for the trouble. ".repeat(40); // 1,200 characters
    String tooLong = "We are sorry for the trouble. ".repeat(60); // 1,800 characters
    String web = "channels: [web]";

    String fits = cleanWith("channels: [email, chat]", web).replace("\"Thanks!\"", q(emailLength));
    String overflows = cleanWith("channels: [email, chat]", web).replace("\"Thanks!\"", q(tooLong));

    assertThat(rules(fits)).doesNotContain(LintRules.SCRIPT_TOO_LONG.id());
    assertThat(finding(overflows, LintRules.SCRIPT_TOO_LONG).message()).contains("on web");
  }

  private static String q(String text) {
    return "\"" + text + "\"";
  }

  @Test
  void acceptsALongScriptWithAShortChatVariant() {
    String longText = "We are sorry for the trouble. ".repeat(12);
    String text =
        cleanWith("{en: \"Thanks!\",", "{en: {default: \"" + longText + "\", chat: \"Thanks!\"},");
    assertThat(rules(text)).doesNotContain(LintRules.SCRIPT_TOO_LONG.id());
  }

  @Test
  void findsSlaWithoutCalendar() {
    Diagnostic d =
        finding(cleanWith("  calendar: eu-business\n", ""), LintRules.SLA_WITHOUT_CALENDAR);
    assertThat(d.severity()).isEqualTo(Severity.INFO);
  }

  @Test
  void findsSlaWhoseBreachChangesNothing() {
    finding(
        cleanWith("  on_breach: [{escalate: team-lead}]\n", ""),
        LintRules.SLA_WITHOUT_BREACH_ACTION);
  }

  @Test
  void findsCompensationWithoutMaximum() {
    Diagnostic d =
        finding(
            cleanWith("{max: 100, currency: EUR, approval_above: 50}", "{currency: EUR}"),
            LintRules.COMPENSATION_WITHOUT_MAXIMUM);
    assertThat(d.isError()).isTrue();
  }

  @Test
  void findsTooManySteps() {
    StringBuilder extra = new StringBuilder();
    for (int i = 1; i <= 7; i++) {
      extra
          .append("  - id: extra")
          .append(i)
          .append("\n    guidance: Check item ")
          .append(i)
          .append(".\n");
    }
    finding(
        cleanWith("  - id: eligibility\n", extra + "  - id: eligibility\n"),
        LintRules.TOO_MANY_STEPS);
  }

  @Test
  void findsMissingOwner() {
    finding(cleanWith("owner: support-operations\n", ""), LintRules.NO_OWNER);
  }

  @Test
  void findsEmptyStep() {
    Diagnostic d =
        finding(
            cleanWith(
                "  - id: eligibility\n", "  - id: pause\n    title: Pause\n  - id: eligibility\n"),
            LintRules.EMPTY_STEP);
    assertThat(d.message()).contains("`pause`");
  }

  @Test
  void findsUnusedField() {
    Diagnostic d =
        finding(
            cleanWith("  reason: {type: enum", "  notes: {type: text}\n  reason: {type: enum"),
            LintRules.UNUSED_FIELD);
    assertThat(d.message()).contains("`notes`");
  }

  @Test
  void findsProtocolThatNeverResolves() {
    finding(cleanWith("    action: {resolve: true}\n", ""), LintRules.NO_RESOLUTION);
  }

  @Test
  void findsTwoProtocolsThatApplyToTheSameCaseAtTheSamePriority() {
    String other =
        CLEAN
            .replace("protocol: return-and-refund", "protocol: refund-only")
            .replace(
                "applies_when: case.category in [\"return\", \"refund\"]",
                "applies_when: case.category == \"refund\" && case.channel == \"email\"");
    Map<String, String> files = new LinkedHashMap<>();
    files.put("a.yaml", CLEAN);
    files.put("b.yaml", other);
    List<Diagnostic> found = Linter.lint(Packs.pack(files));
    assertThat(found)
        .extracting(Diagnostic::rule)
        .containsExactly(LintRules.OVERLAPPING_PROTOCOLS.id());
    assertThat(found.get(0).message())
        .contains("case.category = \"refund\"")
        .contains("case.channel = \"email\"");
  }

  @Test
  void acceptsProtocolsThatCannotApplyToTheSameCase() {
    String other =
        CLEAN
            .replace("protocol: return-and-refund", "protocol: billing")
            .replace(
                "applies_when: case.category in [\"return\", \"refund\"]",
                "applies_when: case.category == \"billing\"");
    assertThat(Linter.lint(Packs.pack(Map.of("a.yaml", CLEAN, "b.yaml", other)))).isEmpty();
  }

  @Test
  void acceptsOverlappingProtocolsAtDifferentPriorities() {
    String other =
        CLEAN
            .replace("protocol: return-and-refund", "protocol: vip-refund")
            .replace("priority: 50", "priority: 80")
            .replace(
                "applies_when: case.category in [\"return\", \"refund\"]",
                "applies_when: customer.tier == \"vip\"");
    assertThat(Linter.lint(Packs.pack(Map.of("a.yaml", CLEAN, "b.yaml", other)))).isEmpty();
  }

  @Test
  void lintsAFileOnlyOnceItHasNoErrors() {
    String broken =
        cleanWith("priority: 50", "priority: high").replace("owner: support-operations\n", "");
    assertThat(Packs.lint(broken)).extracting(Diagnostic::rule).containsExactly("wrong-type");
  }

  @Test
  void everyLintRuleHasAnExplanationAndAFix() {
    assertThat(LintRules.all())
        .hasSizeGreaterThanOrEqualTo(15)
        .allSatisfy(r -> assertThat(r.why()).isNotBlank())
        .allSatisfy(r -> assertThat(r.fix()).isNotBlank());
    assertThat(Linter.rules()).extracting(Rule::id).doesNotHaveDuplicates();
  }
}
