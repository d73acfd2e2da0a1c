package io.servicebook.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.servicebook.diagnostics.Diagnostic;
import io.servicebook.lint.Linter;
import io.servicebook.testing.Packs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes reading and linting a protocol file: whatever the text, the reader answers with the
 * protocol as far as it reads and diagnostics at places inside the file, never with an exception or
 * a diagnostic that owns up to a bug. The pack around it has the test calendars and fragment. In
 * the build the inputs under {@code ProtocolReaderFuzzTestsInputs/} are replayed; {@code
 * bench/fuzz.sh} fuzzes for real.
 */
class ProtocolReaderFuzzTests {

  /** Longer inputs are cut: reading time grows with size, and a fuzzer wants many short tries. */
  private static final int MAX_LENGTH = 8_000;

  @FuzzTest(maxDuration = "60s")
  void readsAndLintsAnyText(byte[] input) {
    String text = new String(input, 0, Math.min(input.length, MAX_LENGTH), StandardCharsets.UTF_8);
    List<Diagnostic> diagnostics = Linter.lint(Packs.pack(Map.of("protocols/fuzzed.yaml", text)));

    int lines = (int) text.lines().count() + 2;
    for (Diagnostic d : diagnostics) {
      assertThat(d.message()).as("%s", d).doesNotContain("bug in Servicebook");
      assertThat(d.file()).isEqualTo("protocols/fuzzed.yaml");
      assertThat(d.line()).as("%s", d).isLessThanOrEqualTo(lines);
    }
  }
}
