package io.servicebook.protocol;

import io.servicebook.diagnostics.Diagnostic;
import io.servicebook.diagnostics.FormatRules;
import io.servicebook.diagnostics.Position;
import io.servicebook.document.YamlFile;
import io.servicebook.document.YamlReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads a shared fragment file ({@code fragments/NAME.yaml}). */
public final class FragmentReader {

  public static final List<String> KEYS = List.of("fragment", "title", "guidance", "script");

  /** The fragment, if the file holds one, with the problems found. */
  public record Result(Optional<Fragment> fragment, List<Diagnostic> diagnostics) {}

  private FragmentReader() {}

  /** Reads a fragment; {@code otherFragments} are the names its script may include. */
  public static Result read(String file, String text, java.util.Set<String> otherFragments) {
    YamlFile yaml = YamlFile.parse(file, text == null ? "" : text);
    YamlReader reader = new YamlReader(yaml);
    Map<String, Fragment> known = new java.util.HashMap<>();
    otherFragments.forEach(name -> known.put(name, placeholder(name)));
    ProtocolReading reading = new ProtocolReading(yaml, new PackContext(Map.of(), known));
    Optional<Fragment> fragment =
        yaml.root()
            .flatMap(root -> reader.mapping(root, "a fragment", KEYS))
            .flatMap(
                m -> {
                  reader.require(m, "fragment", "A fragment");
                  return m.get("fragment")
                      .flatMap(n -> reader.text(n, "`fragment`"))
                      .map(
                          name ->
                              new Fragment(
                                  file,
                                  name,
                                  m.get("title").flatMap(n -> reader.text(n, "`title`")),
                                  m.get("guidance").flatMap(n -> reader.text(n, "`guidance`")),
                                  m.get("script").flatMap(n -> reading.script(n, "the script")),
                                  m.get("fragment").map(yaml::position).orElse(Position.START)));
                });
    if (yaml.root().isEmpty() && !yaml.hasErrors()) {
      yaml.report(FormatRules.MISSING_KEY, Position.START, "The fragment file is empty.");
    }
    return new Result(
        yaml.hasErrors() ? Optional.empty() : fragment,
        yaml.diagnostics().stream().sorted(Diagnostic.READING_ORDER).toList());
  }

  private static Fragment placeholder(String name) {
    return new Fragment(
        "", name, Optional.empty(), Optional.empty(), Optional.empty(), Position.START);
  }
}
