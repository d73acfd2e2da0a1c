package io.servicebook.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.diagnostics.Diagnostic;
import io.servicebook.pack.PackReader;
import io.servicebook.pack.ProtocolPack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the editor's check lists: with a reading error in the file, the warnings that stand on their
 * own (a missing script) are listed too, the ones the error causes (an unreachable step) are not;
 * {@code servicebook lint} still lints a broken file only once it reads.
 */
class LintWhileEditingTests {

  private static final String BROKEN =
      """
      protocol: broken-goto
      title: A misspelt goto
      owner: support
      languages: [en, de]
      steps:
        - id: ask
          title: Ask
          script:
            en: 'How can I help?'
          decide:
            - choice: Refund
              goto: refnd
            - otherwise: close
        - id: refund
          title: Refund
          script: {en: 'Refunded.', de: 'Erstattet.'}
          action: {resolve: true}
        - id: close
          title: Close
          script: {en: 'Bye.', de: 'Tschüss.'}
          action: {resolve: true}
      """;

  private static ProtocolPack pack() {
    return PackReader.fromSources(Map.of("broken-goto.yaml", BROKEN), Map.of(), Map.of());
  }

  private static List<String> rules(List<Diagnostic> diagnostics, boolean errors) {
    return diagnostics.stream().filter(d -> d.isError() == errors).map(Diagnostic::rule).toList();
  }

  @Test
  void theEditorSeesTheWarningsOfAFileWithErrors() {
    List<Diagnostic> editing = Linter.lintWhileEditing(pack());
    assertThat(rules(editing, true)).isNotEmpty();
    assertThat(rules(editing, false))
        .contains(LintRules.MISSING_SCRIPT.id())
        .doesNotContain(LintRules.UNREACHABLE_STEP.id());
    assertThat(editing).isSortedAccordingTo(Diagnostic.READING_ORDER);
  }

  @Test
  void theLinterStillWaitsForTheErrorsToBeFixed() {
    assertThat(rules(Linter.lint(pack()), false)).doesNotContain(LintRules.MISSING_SCRIPT.id());
  }
}
