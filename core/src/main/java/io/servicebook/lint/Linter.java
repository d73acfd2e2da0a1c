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

  /**
   * The pack's reading problems plus the lint findings, in reading order, without checking whom
   * actions name ({@link LintRules#UNKNOWN_TARGET} needs the server's {@link KnownTargets}).
   */
  public static List<Diagnostic> lint(ProtocolPack pack) {
    return lint(pack, Optional.empty());
  }

  /**
   * The pack's reading problems plus the lint findings, in reading order; every {@code escalate},
   * {@code reassign} and {@code notify} is checked against {@code known}.
   */
  public static List<Diagnostic> lint(ProtocolPack pack, KnownTargets known) {
    return lint(pack, Optional.of(known));
  }

  /** Only the findings of {@link LintRules#UNKNOWN_TARGET} for the readable protocols. */
  public static List<Diagnostic> targets(ProtocolPack pack, KnownTargets known) {
    List<Diagnostic> all = new ArrayList<>();
    readable(pack).forEach(p -> all.addAll(TargetChecks.check(p, known)));
    return all.stream().sorted(Diagnostic.READING_ORDER).toList();
  }

  private static List<Diagnostic> lint(ProtocolPack pack, Optional<KnownTargets> known) {
    List<Diagnostic> all = new ArrayList<>(pack.diagnostics());
    List<Protocol> readable = readable(pack);
    for (Protocol protocol : readable) {
      all.addAll(ProtocolChecks.check(protocol));
      known.ifPresent(k -> all.addAll(TargetChecks.check(protocol, k)));
    }
    all.addAll(Overlaps.find(readable));
    return all.stream().sorted(Diagnostic.READING_ORDER).toList();
  }

  private static List<Protocol> readable(ProtocolPack pack) {
    Set<String> broken =
        pack.diagnostics().stream()
            .filter(Diagnostic::isError)
            .map(Diagnostic::file)
            .collect(Collectors.toSet());
    // A file with errors is only partly read; linting it would add noise (an unreachable step
    // behind a misspelt `goto`), so its errors come first and the lint follows once they are fixed.
    return pack.protocols().stream().filter(p -> !broken.contains(p.file())).toList();
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
    return lintWhileEditing(pack, Optional.empty());
  }

  /**
   * {@link #lintWhileEditing(ProtocolPack)} with every {@code escalate}, {@code reassign} and
   * {@code notify} checked against {@code known}, in a file with errors too.
   */
  public static List<Diagnostic> lintWhileEditing(ProtocolPack pack, KnownTargets known) {
    return lintWhileEditing(pack, Optional.of(known));
  }

  private static List<Diagnostic> lintWhileEditing(
      ProtocolPack pack, Optional<KnownTargets> known) {
    List<Diagnostic> all = new ArrayList<>(lint(pack, known));
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
        known.ifPresent(k -> all.addAll(TargetChecks.check(protocol, k)));
      }
    }
    return all.stream().sorted(Diagnostic.READING_ORDER).toList();
  }
}
