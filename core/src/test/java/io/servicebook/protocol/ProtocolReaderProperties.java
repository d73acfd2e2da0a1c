package io.servicebook.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.diagnostics.Diagnostic;
import io.servicebook.testing.Packs;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** No input crashes the reader: any text yields diagnostics, never an exception. */
class ProtocolReaderProperties {

  private static void readsWithoutCrashing(String text) {
    var pack = Packs.pack(Map.of("fuzz.yaml", text));
    assertThat(pack.diagnostics())
        .allSatisfy(d -> assertThat(d.message()).doesNotContain("bug in Servicebook"))
        .allSatisfy(d -> assertThat(d.line()).isPositive());
  }

  @Property(tries = 300)
  void anyTextYieldsDiagnosticsNotExceptions(@ForAll String text) {
    readsWithoutCrashing(text);
  }

  @Property(tries = 300)
  void yamlShapedNoiseYieldsDiagnosticsNotExceptions(@ForAll("yamlish") String text) {
    readsWithoutCrashing(text);
  }

  @Property(tries = 400)
  void mutatedProtocolsYieldDiagnosticsNotExceptions(
      @ForAll @IntRange(min = 0, max = 5000) int position,
      @ForAll @IntRange(min = 0, max = 40) int length,
      @ForAll("fragments") String insert) {
    String clean = Packs.CLEAN;
    int from = Math.min(position, clean.length());
    int to = Math.min(clean.length(), from + length);
    readsWithoutCrashing(clean.substring(0, from) + insert + clean.substring(to));
  }

  @Property(tries = 100)
  void truncatedProtocolsYieldDiagnosticsNotExceptions(
      @ForAll @IntRange(min = 0, max = 5000) int cut) {
    String clean = Packs.CLEAN;
    readsWithoutCrashing(clean.substring(0, Math.min(cut, clean.length())));
  }

  @Provide
  Arbitrary<String> fragments() {
    return Arbitraries.of(
        "",
        ":",
        "- ",
        "{",
        "}",
        "[",
        "]",
        "\"",
        "'",
        "\t",
        "\n",
        "\n  ",
        "&a ",
        "*a",
        "!!str ",
        "{{",
        "}}",
        "{{customer.",
        "| default: \"",
        "||",
        "(",
        ")",
        "==",
        " in [",
        "P",
        "PT",
        "-1",
        "999999999999999999999",
        "1e400",
        ".nan",
        "~",
        "null",
        "true",
        "id: x\n",
        "goto: ",
        "steps:\n",
        "  - ",
        "fields:\n  x: {type: enum}\n",
        "???",
        "\u0000",
        "\uFFFF",
        "日本");
  }

  @Provide
  Arbitrary<String> yamlish() {
    return fragments().list().ofMaxSize(60).map(parts -> String.join("", parts));
  }

  @Property(tries = 50)
  void readingIsDeterministic(@ForAll("yamlish") String text) {
    var first = Packs.pack(Map.of("f.yaml", text)).diagnostics();
    var second = Packs.pack(Map.of("f.yaml", text)).diagnostics();
    assertThat(first)
        .extracting(Diagnostic::toString)
        .isEqualTo(second.stream().map(Diagnostic::toString).toList());
  }
}
