package io.servicebook.lint;

import io.servicebook.diagnostics.Diagnostic;
import io.servicebook.diagnostics.FormatRules;
import io.servicebook.diagnostics.Rule;
import io.servicebook.pack.ProtocolPack;
import io.servicebook.protocol.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks a protocol pack for the known mistakes of service protocols and flaws in their flow, on
 * top of the format problems found while reading it.
 */
public final class Linter {

  private Linter() {}

  /** Every rule, format checks first, then lint rules: what {@code servicebook explain} lists. */
  public static List<Rule> rules() {
    return Stream.concat(FormatRules.all().stream(), LintRules.all().stream()).toList();
  }

  public static Optional<Rule> rule(String id) {
    return rules().stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** The pack's reading problems plus the lint findings, in reading order. */
  public static List<Diagnostic> lint(ProtocolPack pack) {
    List<Diagnostic> all = new ArrayList<>(pack.diagnostics());
    Set<String> broken =
        pack.diagnostics().stream()
            .filter(Diagnostic::isError)
            .map(Diagnostic::file)
            .collect(Collectors.toSet());
    // A file with errors is only partly read; linting it would add noise (an unreachable step
    // behind a misspelt `goto`), so its errors come first and the lint follows once they are fixed.
    List<Protocol> readable =
        pack.protocols().stream().filter(p -> !broken.contains(p.file())).toList();
    for (Protocol protocol : readable) {
      all.addAll(ProtocolChecks.check(protocol));
    }
    all.addAll(Overlaps.find(readable));
    return all.stream().sorted(Diagnostic.READING_ORDER).toList();
  }

  /**
   * Lint findings that a read error can cause by itself (a misspelt {@code goto} makes a step
   * unreachable and another a dead end); the others stand on their own.
   */
  private static final Set<String> FLOW_RULES =
      Set.of(
          LintRules.UNREACHABLE_STEP.id(),
          LintRules.DEAD_END.id(),
          LintRules.ENDLESS_LOOP.id(),
          LintRules.DECIDE_WITHOUT_OTHERWISE.id(),
          LintRules.EMPTY_STEP.id(),
          LintRules.UNUSED_FIELD.id());

  /**
   * What an editor shows: {@link #lint}, and for a file with errors also the lint findings that do
   * not follow from the errors (a missing script, an SLA without a calendar), so the author sees
   * every warning while fixing the errors instead of meeting them one after another.
   */
  public static List<Diagnostic> lintWhileEditing(ProtocolPack pack) {
    List<Diagnostic> all = new ArrayList<>(lint(pack));
    Set<String> broken =
        pack.diagnostics().stream()
            .filter(Diagnostic::isError)
            .map(Diagnostic::file)
            .collect(Collectors.toSet());
    for (Protocol protocol : pack.protocols()) {
      if (broken.contains(protocol.file())) {
        ProtocolChecks.check(protocol).stream()
            .filter(d -> !FLOW_RULES.contains(d.rule()))
            .forEach(all::add);
      }
    }
    return all.stream().sorted(Diagnostic.READING_ORDER).toList();
  }
}
