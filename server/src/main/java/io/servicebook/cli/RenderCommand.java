package io.servicebook.cli;

import io.servicebook.diagnostics.Diagnostic;
import io.servicebook.flowchart.Flowcharts;
import io.servicebook.flowchart.Highlight;
import io.servicebook.pack.PackReader;
import io.servicebook.pack.ProtocolPack;
import io.servicebook.protocol.Protocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code servicebook render}: draws a protocol as a flowchart. */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description =
        "Draws a protocol as a flowchart: Mermaid text, a standalone SVG, or an HTML page.")
final class RenderCommand implements Callable<Integer> {

  /** Output formats. */
  enum Format {
    mermaid,
    svg,
    html
  }

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "A protocol file.")
  Path file;

  @Option(
      names = "--format",
      defaultValue = "svg",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "OUT",
      description = "Write to this file instead of standard output.")
  Path output;

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(file)) {
      spec.commandLine()
          .getErr()
          .println("servicebook: `" + file + "` is not a file. Give one protocol file.");
      return ExitCodes.USAGE;
    }
    ProtocolPack pack = PackReader.read(List.of(file));
    List<Diagnostic> errors = pack.diagnostics().stream().filter(Diagnostic::isError).toList();
    Optional<Protocol> protocol = pack.protocols().stream().findFirst();
    if (!errors.isEmpty() || protocol.isEmpty()) {
      errors.forEach(d -> spec.commandLine().getErr().println(d));
      spec.commandLine()
          .getErr()
          .println(
              "servicebook: fix the errors above, then render again ("
                  + "`servicebook lint "
                  + file
                  + "` shows how).");
      return ExitCodes.PROBLEMS;
    }
    String drawing =
        switch (format) {
          case mermaid -> Flowcharts.mermaid(protocol.get());
          case svg ->
              Flowcharts.svg(
                  protocol.get(),
                  Highlight.NONE,
                  name ->
                      Optional.ofNullable(pack.calendars().get(name))
                          .map(c -> !c.isAlwaysOpen())
                          .orElse(true));
          case html -> Flowcharts.html(protocol.get());
        };
    if (output == null) {
      spec.commandLine().getOut().print(drawing);
      spec.commandLine().getOut().flush();
    } else {
      Files.writeString(output, drawing, StandardCharsets.UTF_8);
      spec.commandLine().getErr().println("Wrote " + output);
    }
    return ExitCodes.CLEAN;
  }
}
