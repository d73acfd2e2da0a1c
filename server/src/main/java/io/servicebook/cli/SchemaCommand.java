package io.servicebook.cli;

import io.servicebook.schema.Schemas;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code servicebook schema}: prints the JSON Schema editors use for completion. */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the JSON Schema of protocol, calendar and fragment files.",
      "Save it and point your editor at it, e.g. a `# yaml-language-server: $schema=…` line."
    })
final class SchemaCommand implements Callable<Integer> {

  /** Which schema to print. */
  enum Kind {
    all,
    protocol,
    calendar,
    fragment
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--kind",
      defaultValue = "all",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Kind kind;

  @Override
  public Integer call() {
    String schema =
        switch (kind) {
          case all -> Schemas.bundle();
          case protocol -> Schemas.protocol();
          case calendar -> Schemas.calendar();
          case fragment -> Schemas.fragment();
        };
    spec.commandLine().getOut().println(schema);
    return ExitCodes.CLEAN;
  }
}
