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
}
