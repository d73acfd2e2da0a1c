package io.servicebook.lint;

import static io.servicebook.testing.Packs.CLEAN;
import static io.servicebook.testing.Packs.cleanWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.diagnostics.Diagnostic;
import io.servicebook.diagnostics.Severity;
import io.servicebook.testing.Packs;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The unknown-target rule: every escalate, reassign and notify names someone the server knows. */
class TargetChecksTests {

  private static final KnownTargets KNOWN =
      new KnownTargets(
          Set.of("agent", "team_lead", "supervisor", "manager"),
          Set.of("billing", "tier-2"),
          Set.of("alice", "bob"),
          Set.of("admin", "supervisor", "agent"));

  private static List<Diagnostic> findings(String protocol) {
    return Linter.lint(Packs.pack(Map.of("p.yaml", protocol)), KNOWN).stream()
        .filter(d -> d.rule().equals(LintRules.UNKNOWN_TARGET.id()))
        .toList();
  }

  @Test
  void misspeltLevelIsFoundAtItsLineAndColumnWithTheLevelSuggested() {
    // the clean fixture's on_breach writes `escalate: team-lead`, the classic mistake
    List<Diagnostic> found = findings(CLEAN);
    assertThat(found).hasSize(1);
    Diagnostic d = found.getFirst();
    assertThat(d.severity()).isEqualTo(Severity.WARNING);
    assertThat(d.file()).isEqualTo("p.yaml");
    int line = lineOf(CLEAN, "on_breach: [{escalate: team-lead}]");
    assertThat(d.line()).isEqualTo(line);
    assertThat(d.column()).isEqualTo(CLEAN.lines().toList().get(line - 1).indexOf("escalate") + 1);
    assertThat(d.message()).contains("`escalate: team-lead`").contains("did you mean `team_lead`?");
    assertThat(d.hint()).isEqualTo("Write `escalate: team_lead`.");
  }

  @Test
  void levelsTeamsRolesAndUsersAreKnown() {
    String ok =
        cleanWith(
            "on_breach: [{escalate: team-lead}]",
            "on_breach: [{escalate: team_lead}, {escalate: billing}, {reassign: tier-2},"
                + " {notify: supervisor}, {notify: alice}, {notify: billing}, {notify: manager}]");
    assertThat(findings(ok)).isEmpty();
  }

  @Test
  void eachActionKindAcceptsOnlyItsTargets() {
    String wrong =
        cleanWith(
            "on_breach: [{escalate: team-lead}]",
            "on_breach: [{escalate: alice}, {reassign: supervisor}, {notify: tier-3}]");
    assertThat(findings(wrong))
        .extracting(Diagnostic::message)
        .containsExactly(
            "`escalate: alice` names no level of the escalation ladder and no team the server"
                + " knows.",
            "`reassign: supervisor` names no team the server knows.",
            "`notify: tier-3` names no role, team, escalation level or user the server knows;"
                + " did you mean `tier-2`?");
  }

  @Test
  void withoutKnownTargetsTheRuleIsSkipped() {
    assertThat(Packs.lint(CLEAN)).noneMatch(d -> d.rule().equals("unknown-target"));
  }

  @Test
  void theRuleIsExplained() {
    assertThat(Linter.rule("unknown-target")).contains(LintRules.UNKNOWN_TARGET);
  }

  private static int lineOf(String text, String part) {
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(part)) {
        return i + 1;
      }
    }
    throw new AssertionError(part);
  }
}
