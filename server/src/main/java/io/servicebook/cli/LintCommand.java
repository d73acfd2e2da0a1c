package io.servicebook.cli;

import io.servicebook.diagnostics.Diagnostic;
import io.servicebook.diagnostics.Severity;
import io.servicebook.lint.LintRules;
import io.servicebook.lint.Linter;
import io.servicebook.pack.PackReader;
import io.servicebook.pack.ProtocolPack;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code servicebook lint}: checks protocol files and packs, for people and for CI. */
@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    description = {
      "Checks protocol files and packs: format, references, conditions, scripts, and the known"
          + " mistakes of service protocols.",
      "Exit code: 0 clean, 1 errors (or warnings with --strict), 2 usage error."
    })
final class LintCommand implements Callable<Integer> {

  /** Report formats. */
  enum Format {
    text,
    json,
    sarif
  }

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Protocol files or pack folders.")
  List<Path> paths;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--strict", description = "Fail on warnings too.")
  boolean strict;

  @Override
  public Integer call() {
    ProtocolPack pack = PackReader.read(paths);
    List<Diagnostic> diagnostics = Linter.lint(pack);
    PrintWriter out = spec.commandLine().getOut();
    switch (format) {
      case text -> LintReports.text(pack.files(), diagnostics, out);
      case json -> LintReports.json(pack.files(), diagnostics, out);
      case sarif -> LintReports.sarif(diagnostics, out);
    }
    out.flush();
    if (format == Format.text) {
      // whom escalate/reassign/notify name is known to a server only (its teams, users, ladder)
      spec.commandLine()
          .getErr()
          .println(
              "note: rule "
                  + LintRules.UNKNOWN_TARGET.id()
                  + " is not checked on files; the server checks it against its teams, users"
                  + " and escalation ladder when the pack is imported and in the editor.");
    }
    boolean errors = diagnostics.stream().anyMatch(Diagnostic::isError);
    boolean warnings = diagnostics.stream().anyMatch(d -> d.severity() == Severity.WARNING);
    return errors || (strict && warnings) ? ExitCodes.PROBLEMS : ExitCodes.CLEAN;
  }
}
