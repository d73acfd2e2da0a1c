package io.servicebook.protocol;

import io.servicebook.diagnostics.Diagnostic;
import io.servicebook.document.YamlFile;
import java.util.List;
import java.util.Optional;

/**
 * Reads a protocol file into a {@link Protocol}, reporting every problem with its line and column:
 * YAML syntax, unknown keys, wrong types, broken references, conditions that do not type-check,
 * scripts with unknown placeholders. Never throws for any input.
 */
public final class ProtocolReader {

  /** The protocol as far as it could be read, and the problems found. */
  public record Result(Optional<Protocol> protocol, List<Diagnostic> diagnostics) {

    public boolean hasErrors() {
      return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
  }

  private final PackContext context;

  private ProtocolReader(PackContext context) {
    this.context = context;
  }

  public static ProtocolReader of(PackContext context) {
    return new ProtocolReader(context);
  }

  public Result read(String file, String text) {
    YamlFile yaml = YamlFile.parse(file, text == null ? "" : text);
    Optional<Protocol> protocol;
    try {
      protocol = new ProtocolReading(yaml, context).protocol();
    } catch (RuntimeException | StackOverflowError e) {
      yaml.report(
          io.servicebook.diagnostics.FormatRules.YAML_SYNTAX,
          io.servicebook.diagnostics.Position.START,
          "Servicebook could not read this file ("
              + e.getClass().getSimpleName()
              + "). This is a"
              + " bug in Servicebook; please report it with the file.");
      protocol = Optional.empty();
    }
    return new Result(
        protocol, yaml.diagnostics().stream().sorted(Diagnostic.READING_ORDER).toList());
  }
}
